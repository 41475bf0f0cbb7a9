package dev.operator.discourse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.relation.database.DatabaseConnection;
import dev.operator.discourse.relation.database.PostgresCheck;
import dev.operator.discourse.relation.redis.RedisCheck;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RelationCheckTimerTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final RelationCheckTimer timer = new RelationCheckTimer(registry);

    Timer recorded(String kind, String result) {
        return registry.get(MeterNames.RELATION_CHECKS).tag(MeterNames.TAG_KIND, kind).tag(MeterNames.TAG_RESULT, result)
                .timer();
    }

    @Test
    void recordsEachCheckUnderItsKindAndResultWord() {
        String first = timer.time("RedisRelation", () -> "Ready", r -> r);
        timer.time("RedisRelation", () -> "Ready", r -> r);
        timer.time("RedisRelation", () -> "AuthenticationFailed", r -> r);
        timer.time("DatabaseRelation", () -> "Ready", r -> r);

        assertThat(first).as("the check's own result goes back to its caller").isEqualTo("Ready");
        assertThat(recorded("RedisRelation", "Ready").count()).isEqualTo(2);
        assertThat(recorded("RedisRelation", "AuthenticationFailed").count()).isEqualTo(1);
        assertThat(recorded("DatabaseRelation", "Ready").count()).isEqualTo(1);
    }

    @Test
    void recordsHowLongTheCheckTookInBucketsPastTheChecksTimeouts() {
        timer.time("DatabaseRelation", () -> {
            sleep(30);
            return "Unreachable";
        }, r -> r);
        Timer recorded = recorded("DatabaseRelation", "Unreachable");
        assertThat(recorded.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(30);
        assertThat(Arrays.stream(recorded.takeSnapshot().histogramCounts()).map(CountAtBucket::bucket))
                .contains((double) TimeUnit.SECONDS.toNanos(20), (double) TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aCheckThatThrowsIsRecordedAsExceptionAndStillThrows() {
        assertThatThrownBy(() -> timer.<String>time("RedisRelation", () -> {
            throw new IllegalStateException("bug");
        }, r -> r)).isInstanceOf(IllegalStateException.class);
        assertThat(recorded("RedisRelation", "Exception").count()).isEqualTo(1);
    }

    @Test
    void theRedisAndPostgresChecksTimeThemselves() throws IOException {
        int closed = closedLoopbackPort();
        var redis = new RedisCheck(timer).check("127.0.0.1", closed, null, false, 0);
        var postgres = new PostgresCheck(timer).check(
                new DatabaseConnection("127.0.0.1", closed, "forum", "forum", "pw", "disable"), Optional.empty(),
                List.of());

        assertThat(redis.reason()).isEqualTo("Unreachable");
        assertThat(postgres.reason()).isEqualTo("Unreachable");
        assertThat(recorded("RedisRelation", "Unreachable").count()).isEqualTo(1);
        assertThat(recorded("DatabaseRelation", "Unreachable").count()).isEqualTo(1);
    }

    /** A port that was free a moment ago: nothing listens there, so a connection is refused at once. */
    static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
