package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.metrics.RelationCheckTimer;
import dev.operator.discourse.testsupport.PostgresServer;

/** The database check against a real, private PostgreSQL 15. */
class PostgresCheckTest {

    static PostgresServer server;
    final PostgresCheck check = new PostgresCheck(RelationCheckTimer.unregistered());

    @BeforeAll
    static void start() {
        assumeTrue(PostgresServer.available(), "PostgreSQL 15 binaries missing: run scripts/setup-test-env.sh");
        server = PostgresServer.startNew();
        server.createAppDatabase("discourse", "discourse", "app-secret-pw");
        server.createAppDatabase("other", "other", "other-pw");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DatabaseConnection app(String db, String user, String password) {
        return new DatabaseConnection(server.host(), server.port(), db, user, password, "disable");
    }

    private DatabaseConnection superuser(String db) {
        return new DatabaseConnection(server.host(), server.port(), db, PostgresServer.SUPERUSER,
                server.superuserPassword(), "disable");
    }

    @Test
    void createsTrustedExtensionsAsTheAppRole() throws Exception {
        DatabaseCheckResult result = check.check(app("discourse", "discourse", "app-secret-pw"), Optional.empty(),
                List.of("hstore", "pg_trgm", "unaccent"));
        assertThat(result.ready()).as(result.message()).isTrue();
        assertThat(result.serverVersion()).startsWith("15");
        try (var c = server.connectAsSuperuser("discourse");
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_extension "
                        + "WHERE extname IN ('hstore','pg_trgm','unaccent')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void wrongPasswordIsAuthenticationFailedAndNeverEchoed() {
        DatabaseCheckResult result = check.check(app("discourse", "discourse", "wrong-pw-123"), Optional.empty(),
                List.of());
        assertThat(result.connected()).isFalse();
        assertThat(result.reason()).isEqualTo("AuthenticationFailed");
        assertThat(result.message()).contains("discourse").doesNotContain("wrong-pw-123");
    }

    @Test
    void missingDatabase() {
        DatabaseCheckResult result = check.check(app("nope", "discourse", "app-secret-pw"), Optional.empty(), List.of());
        assertThat(result.reason()).isEqualTo("DatabaseNotFound");
    }

    @Test
    void untrustedExtensionNeedsTheAdminRole() {
        DatabaseCheckResult denied = check.check(app("other", "other", "other-pw"), Optional.empty(),
                List.of("file_fdw"));
        assertThat(denied.connected()).isTrue();
        assertThat(denied.ready()).isFalse();
        assertThat(denied.reason()).isEqualTo("InsufficientPrivilege");
        assertThat(denied.message()).contains("file_fdw").contains("adminSecretRef");

        DatabaseCheckResult granted = check.check(app("other", "other", "other-pw"), Optional.of(superuser("other")),
                List.of("file_fdw"));
        assertThat(granted.ready()).as(granted.message()).isTrue();
    }

    @Test
    void serverDownThenUp() {
        server.stop();
        try {
            DatabaseCheckResult down = check.check(app("discourse", "discourse", "app-secret-pw"), Optional.empty(),
                    List.of());
            assertThat(down.reason()).isEqualTo("Unreachable");
            assertThat(down.message()).contains(server.host() + ":" + server.port());
        } finally {
            server.start();
        }
        assertThat(check.check(app("discourse", "discourse", "app-secret-pw"), Optional.empty(), List.of()).ready())
                .isTrue();
    }

    @Test
    void anExtensionTheServerDoesNotHaveIsNamedBeforeAnyCreateIsTried() {
        // Debian's PostgreSQL 15 ships no pgvector: the case of every plain server
        DatabaseCheckResult result = check.check(superuser("discourse"), Optional.empty(), List.of("hstore", "vector"));
        assertThat(result.connected()).isTrue();
        assertThat(result.ready()).isFalse();
        assertThat(result.reason()).isEqualTo("ExtensionUnavailable");
        assertThat(result.message()).contains("vector").contains("pgvector 0.7").doesNotContain("hstore");
    }

    @Test
    void anInstalledExtensionOlderThanDiscourseNeedsIsReportedNotLeftToAMigration() throws Exception {
        DatabaseConnection db = app("discourse", "discourse", "app-secret-pw");
        assertThat(check.check(db, Optional.empty(), List.of("hstore"), java.util.Map.of("hstore", "1.0")).ready()).isTrue();
        String installed;
        try (var c = server.connectAsSuperuser("discourse");
                ResultSet rs = c.createStatement().executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'hstore'")) {
            rs.next();
            installed = rs.getString(1);
        }
        DatabaseCheckResult old = check.check(db, Optional.empty(), List.of("hstore"), java.util.Map.of("hstore", "99.0"));
        assertThat(old.ready()).isFalse();
        assertThat(old.reason()).isEqualTo("ExtensionOutdated");
        assertThat(old.message()).contains("hstore " + installed + " (needs 99.0)");
    }
}
