package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class DatabaseConnectionTest {

    private static Secret secret(Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("db-app").endMetadata().withData(data).build();
    }

    private static Map<String, String> cnpg() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", "pg-rw.db.svc\n");
        m.put("port", "5432");
        m.put("dbname", "discourse");
        m.put("user", "app");
        m.put("password", " pass with spaces ");
        return m;
    }

    @Test
    void readsACloudNativePgAppSecret() {
        var parsed = DatabaseConnection.from(secret(cnpg()), new ConnectionSecretRef("db-app"));
        assertThat(parsed).isInstanceOf(DatabaseConnection.Ok.class);
        DatabaseConnection c = ((DatabaseConnection.Ok) parsed).connection();
        assertThat(c.host()).isEqualTo("pg-rw.db.svc");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.endpoint()).isEqualTo("pg-rw.db.svc:5432/discourse");
        assertThat(c.password()).as("passwords are taken verbatim").isEqualTo(" pass with spaces ");
        assertThat(c.sslmode()).isEmpty();
    }

    @Test
    void overriddenKeyNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PGHOST", "h");
        m.put("PGPORT", "6432");
        m.put("PGDATABASE", "d");
        m.put("PGUSER", "u");
        m.put("PGPASSWORD", "p");
        m.put("PGSSLMODE", "require");
        ConnectionSecretRef ref = new ConnectionSecretRef("db-app");
        ref.setHostKey("PGHOST");
        ref.setPortKey("PGPORT");
        ref.setDatabaseKey("PGDATABASE");
        ref.setUserKey("PGUSER");
        ref.setPasswordKey("PGPASSWORD");
        ref.setSslmodeKey("PGSSLMODE");
        DatabaseConnection c = ((DatabaseConnection.Ok) DatabaseConnection.from(secret(m), ref)).connection();
        assertThat(c).extracting(DatabaseConnection::host, DatabaseConnection::port, DatabaseConnection::database,
                DatabaseConnection::user, DatabaseConnection::sslmode).containsExactly("h", 6432, "d", "u", "require");
    }

    @Test
    void namesEveryMissingKey() {
        Map<String, String> m = cnpg();
        m.remove("host");
        m.put("password", "  ");
        assertThat(DatabaseConnection.from(secret(m), new ConnectionSecretRef("db-app")))
                .isEqualTo(new DatabaseConnection.Invalid("Secret db-app lacks host, password"));
    }

    @Test
    void aPortThatIsNoPortNumber() {
        for (String port : new String[] { "postgres", "0", "70000" }) {
            Map<String, String> m = cnpg();
            m.put("port", port);
            assertThat(DatabaseConnection.from(secret(m), new ConnectionSecretRef("db-app")))
                    .isEqualTo(new DatabaseConnection.Invalid("Secret db-app key port is not a port number"));
        }
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseConnection c = ((DatabaseConnection.Ok) DatabaseConnection.from(secret(cnpg()),
                new ConnectionSecretRef("db-app"))).connection();
        assertThat(c.toString()).isEqualTo("app@pg-rw.db.svc:5432/discourse").doesNotContain("pass with spaces");
        assertThat(c.withCredentials("admin", "x").toString()).isEqualTo("admin@pg-rw.db.svc:5432/discourse");
    }

    @Test
    void anSslmodeLibpqDoesNotKnowIsRefusedWithTheModesItKnows() {
        Map<String, String> m = cnpg();
        m.put("sslmode", "verify_full");
        assertThat(DatabaseConnection.from(secret(m), new ConnectionSecretRef("db-app")))
                .isEqualTo(new DatabaseConnection.Invalid("Secret db-app key sslmode is 'verify_full', not one of libpq's "
                        + "sslmodes disable, allow, prefer, require, verify-ca, verify-full"));
    }

    @Test
    void onlyTheVerifyingModesNeedACa() {
        Map<String, String> m = cnpg();
        for (String mode : DatabaseConnection.SSLMODES) {
            m.put("sslmode", mode);
            var c = ((DatabaseConnection.Ok) DatabaseConnection.from(secret(m), new ConnectionSecretRef("db-app"))).connection();
            assertThat(c.verifiesServer()).as(mode).isEqualTo(mode.startsWith("verify-"));
        }
    }
}
