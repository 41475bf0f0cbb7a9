package dev.operator.discourse.relation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.metrics.RelationCheckTimer;
import dev.operator.discourse.testsupport.RedisServer;

/** The Redis check against a real, private Redis 7. */
class RedisCheckTest {

    static RedisServer server;
    final RedisCheck check = new RedisCheck(RelationCheckTimer.unregistered());

    @BeforeAll
    static void start() {
        assumeTrue(RedisServer.available(), "redis-server missing: run scripts/setup-test-env.sh");
        server = RedisServer.startNew("redis-secret-pw");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readyWithThePassword() {
        RedisCheckResult result = check.check(server.host(), server.port(), "redis-secret-pw", false, 2);
        assertThat(result.ready()).as(result.message()).isTrue();
        assertThat(result.serverVersion()).startsWith("7.");
    }

    @Test
    void wrongPasswordIsAuthenticationFailedAndNeverEchoed() {
        RedisCheckResult result = check.check(server.host(), server.port(), "wrong-pw-456", false, 0);
        assertThat(result.reason()).isEqualTo("AuthenticationFailed");
        assertThat(result.message()).doesNotContain("wrong-pw-456");
    }

    @Test
    void missingPasswordIsNamed() {
        RedisCheckResult result = check.check(server.host(), server.port(), null, false, 0);
        assertThat(result.reason()).isEqualTo("AuthenticationFailed");
        assertThat(result.message()).contains("passwordSecretRef");
    }

    @Test
    void databaseOutOfRange() {
        RedisCheckResult result = check.check(server.host(), server.port(), "redis-secret-pw", false, 99);
        assertThat(result.reason()).isEqualTo("InvalidDatabase");
    }

    @Test
    void serverDownThenUp() {
        server.stop();
        try {
            RedisCheckResult down = check.check(server.host(), server.port(), "redis-secret-pw", false, 0);
            assertThat(down.reason()).isEqualTo("Unreachable");
        } finally {
            server.start();
        }
        assertThat(check.check(server.host(), server.port(), "redis-secret-pw", false, 0).ready()).isTrue();
    }

    @Test
    void versionsBelow62AreRefused() {
        assertThat(RedisCheck.supported("6.2.0")).isTrue();
        assertThat(RedisCheck.supported("7.0.15")).isTrue();
        assertThat(RedisCheck.supported("6.0.16")).isFalse();
        assertThat(RedisCheck.supported("5.0.7")).isFalse();
        assertThat(RedisCheck.version("# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n")).isEqualTo("7.0.15");
    }
}
