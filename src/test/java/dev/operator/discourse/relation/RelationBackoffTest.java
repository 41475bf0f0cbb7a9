package dev.operator.discourse.relation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

class RelationBackoffTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final RelationBackoff backoff = new RelationBackoff(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });
    private final ResourceID db = new ResourceID("db", "ns");

    private Duration failAfter(long seconds) {
        now = now.plusSeconds(seconds);
        return backoff.failed(db);
    }

    @Test
    void retriesAtTheScheduledTimesDoubleTheWait() {
        assertThat(failAfter(0)).hasSeconds(5);
        assertThat(failAfter(5)).hasSeconds(5);
        assertThat(failAfter(5)).hasSeconds(10);
        assertThat(failAfter(10)).hasSeconds(20);
        assertThat(failAfter(20)).as("capped").hasSeconds(20);
    }

    @Test
    void eventsBetweenRetriesDoNotPushTheNextCheckAway() {
        assertThat(failAfter(0)).hasSeconds(5);
        for (int i = 0; i < 10; i++) {
            assertThat(failAfter(0)).hasSeconds(5);
        }
        assertThat(failAfter(5)).hasSeconds(5);
    }

    @Test
    void neverMoreThanTwentySecondsSoRecoveryIsQuickAndResetBySuccess() {
        failAfter(0);
        assertThat(failAfter(3600)).isEqualTo(Duration.ofSeconds(20));
        backoff.succeeded(db);
        assertThat(failAfter(3600)).hasSeconds(5);
    }

    @Test
    void eachRelationHasItsOwnClock() {
        failAfter(0);
        now = now.plusSeconds(12);
        assertThat(backoff.failed(new ResourceID("cache", "ns"))).hasSeconds(5);
        assertThat(backoff.failed(db)).hasSeconds(12);
    }
}
