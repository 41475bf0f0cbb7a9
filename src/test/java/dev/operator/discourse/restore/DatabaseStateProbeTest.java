package dev.operator.discourse.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.relation.database.DatabaseConnection;
import dev.operator.discourse.testsupport.PostgresServer;

/**
 * What the operator reads in a real PostgreSQL after a failed restore, for each state Discourse's restore can leave
 * (see DatabaseStateProbe), as the forum's own role, which owns its database and nothing else.
 */
class DatabaseStateProbeTest {

    static PostgresServer server;
    static int databases;
    final DatabaseStateProbe probe = new DatabaseStateProbe();

    @BeforeAll
    static void start() {
        assumeTrue(PostgresServer.available(), "PostgreSQL 15 binaries missing: run scripts/setup-test-env.sh");
        server = PostgresServer.startNew();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String database() {
        String db = "probe" + (++databases);
        server.createAppDatabase(db, db, "pw-" + db);
        return db;
    }

    private DatabaseConnection as(String db) {
        return new DatabaseConnection(server.host(), server.port(), db, db, "pw-" + db, "disable");
    }

    @Test
    void aDatabaseDiscourseRolledBackIsAForumToStartOn() {
        String db = database();
        server.execute(db, "CREATE TABLE schema_migrations (version varchar PRIMARY KEY)");
        server.execute(db, "INSERT INTO schema_migrations VALUES ('20240101000000'), ('20251201000000')");
        server.execute(db, "ALTER TABLE schema_migrations OWNER TO " + db);

        DatabaseState state = probe.read(as(db));
        assertThat(state.read()).isTrue();
        assertThat(state.servable()).isTrue();
        assertThat(state.rolledBack()).isTrue();
        assertThat(state.description())
                .isEqualTo("public holds a Discourse schema at migration 20251201000000; there is no schema backup");
    }

    @Test
    void aRestoreKilledAfterMovingTheTablesAsideLeavesNoForumInPublicAndTheOldOneInBackup() {
        String db = database();
        server.execute(db, "CREATE SCHEMA backup AUTHORIZATION " + db);
        server.execute(db, "CREATE TABLE backup.schema_migrations (version varchar PRIMARY KEY)");
        server.execute(db, "CREATE TABLE backup.posts (id int)");
        server.execute(db, "CREATE TABLE backup.topics (id int)");

        DatabaseState state = probe.read(as(db));
        assertThat(state.servable()).isFalse();
        assertThat(state.description()).isEqualTo("public holds no Discourse schema; schema backup holds 3 tables of the "
                + "database as it was before a restore (Discourse's `script/discourse rollback` moves them back to public)");
    }

    @Test
    void aSucceededEarlierRestoreLeavesBothAForumAndItsPredecessor() {
        String db = database();
        server.execute(db, "CREATE TABLE schema_migrations (version varchar PRIMARY KEY)");
        server.execute(db, "INSERT INTO schema_migrations VALUES ('20251120000000')");
        server.execute(db, "ALTER TABLE schema_migrations OWNER TO " + db);
        server.execute(db, "CREATE SCHEMA backup");
        server.execute(db, "CREATE TABLE backup.users (id int)");

        DatabaseState state = probe.read(as(db));
        assertThat(state.servable()).isTrue();
        assertThat(state.rolledBack()).as("tables in backup: no rollback happened, or an older restore's").isFalse();
        assertThat(state.description()).startsWith("public holds a Discourse schema at migration 20251120000000; schema "
                + "backup holds 1 tables");
    }

    @Test
    void anEmptyDatabaseIsNoForum() {
        DatabaseState state = probe.read(as(database()));
        assertThat(state.read()).isTrue();
        assertThat(state.servable()).isFalse();
        assertThat(state.description()).isEqualTo("public holds no Discourse schema; there is no schema backup");
    }

    @Test
    void aDatabaseItCannotReachIsUnknownAndNeverServableAndTheMessageHoldsNoPassword() {
        String db = database();
        DatabaseConnection wrong = new DatabaseConnection(server.host(), server.port(), db, db, "not-the-password",
                "disable");
        DatabaseState state = probe.read(wrong);
        assertThat(state.read()).isFalse();
        assertThat(state.servable()).isFalse();
        assertThat(state.description()).startsWith("the operator could not read the database: ")
                .contains("password authentication failed").doesNotContain("not-the-password");
    }
}
