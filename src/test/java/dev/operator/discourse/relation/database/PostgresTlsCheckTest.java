package dev.operator.discourse.relation.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.metrics.RelationCheckTimer;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.TestCertificates;

/**
 * The verifying sslmodes against a real PostgreSQL 15 speaking TLS with a certificate from its own CA: the
 * check connects with the CA from spec.caSecretRef, and refuses a server whose certificate another CA signed.
 */
class PostgresTlsCheckTest {

    static PostgresServer server;
    final PostgresCheck check = new PostgresCheck(RelationCheckTimer.unregistered());

    @BeforeAll
    static void start() {
        server = PostgresServer.startNewWithTls();
        server.createAppDatabase("discourse", "discourse", "tls-app-pw");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DatabaseConnection app(String sslmode) {
        return new DatabaseConnection(server.host(), server.port(), "discourse", "discourse", "tls-app-pw", sslmode);
    }

    @Test
    void verifyFullWithTheServersCaConnects() {
        DatabaseCheckResult result = check.check(app("verify-full").withCaCertificate(server.certificates().caPem()),
                Optional.empty(), List.of());
        assertThat(result.ready()).as(result.message()).isTrue();
    }

    @Test
    void verifyFullWithAnotherCaIsRefusedAndSaysWhy() throws Exception {
        TestCertificates other = TestCertificates.create(Files.createTempDirectory("other-ca-"), "127.0.0.1");
        DatabaseCheckResult result = check.check(app("verify-full").withCaCertificate(other.caPem()), Optional.empty(),
                List.of());
        assertThat(result.connected()).isFalse();
        assertThat(result.reason()).isEqualTo("TlsFailed");
        assertThat(result.message()).contains("sslmode verify-full", "spec.caSecretRef", "PKIX")
                .doesNotContain("tls-app-pw");
    }

    @Test
    void requireEncryptsWithoutACa() {
        DatabaseCheckResult result = check.check(app("require"), Optional.empty(), List.of());
        assertThat(result.ready()).as(result.message()).isTrue();
    }
}
