package dev.operator.discourse.relation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationStatus;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

class RelationStatusUpdateTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    /** Keeps the events instead of sending them. */
    static final class RecordedEvents extends EventRecorder {
        final List<String> recorded = new ArrayList<>();

        RecordedEvents() {
            super(null);
        }

        @Override
        public void warning(HasMetadata resource, String reason, String message) {
            recorded.add("Warning " + reason + ": " + message);
        }

        @Override
        public void normal(HasMetadata resource, String reason, String message) {
            recorded.add("Normal " + reason + ": " + message);
        }
    }

    private final RecordedEvents events = new RecordedEvents();

    private static RedisRelation relation() {
        var relation = new RedisRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName("cache").withNamespace("ns").withGeneration(1L).build());
        return relation;
    }

    private RelationStatusUpdate<RedisRelationStatus, RedisRelation> update(RedisRelation relation) {
        return new RelationStatusUpdate<>(relation, RedisRelationStatus::new, events,
                Logger.getLogger(RelationStatusUpdateTest.class), CLOCK);
    }

    @Test
    void aNewReasonForNotBeingReadyIsAWarningOnce() {
        var relation = relation();
        update(relation).notReady("Reachable", "ConnectionFailed", "Connection refused").done();
        update(relation).notReady("Reachable", "ConnectionFailed", "Connection refused").done();

        assertThat(events.recorded).containsExactly("Warning NotReady: Connection refused");
        assertThat(Conditions.isTrue(relation.getStatus().getConditions(), RelationConditions.READY)).isFalse();
    }

    @Test
    void waitingForTheWorkloadIsAConditionNotAnEvent() {
        var relation = relation();
        update(relation).waiting("WaitingForWorkload", "Waiting for the StatefulSet of DiscourseInstance forum").done();

        assertThat(events.recorded).isEmpty();
        var ready = Conditions.find(relation.getStatus().getConditions(), RelationConditions.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("WaitingForWorkload");
        assertThat(ready.getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void anUnchangedStatusIsNotWritten() {
        var relation = relation();
        assertThat(update(relation).set(RelationConditions.READY, true, "Ready", "ok").done().isPatchStatus()).isTrue();
        assertThat(update(relation).set(RelationConditions.READY, true, "Ready", "ok").done().isPatchStatus()).isFalse();
    }

    /** A missing Secret or a failing server is looked at again though nothing changed: no write, but a retry. */
    @Test
    void aRetrySaidOnTheWayIsKeptWhetherOrNotTheStatusChanged() {
        var relation = relation();
        var first = update(relation).notReady(RelationConditions.CONNECTED, "SecretNotFound", "Secret s not found")
                .retryAfter(java.time.Duration.ofSeconds(10)).done();
        assertThat(first.isPatchStatus()).isTrue();
        assertThat(first.getScheduleDelay()).contains(10_000L);

        var again = update(relation).notReady(RelationConditions.CONNECTED, "SecretNotFound", "Secret s not found")
                .retryAfter(java.time.Duration.ofSeconds(10)).done();
        assertThat(again.isPatchStatus()).isFalse();
        assertThat(again.getScheduleDelay()).contains(10_000L);

        assertThat(update(relation).set(RelationConditions.READY, true, "Ready", "ok").done().getScheduleDelay())
                .isEmpty();
    }
}
