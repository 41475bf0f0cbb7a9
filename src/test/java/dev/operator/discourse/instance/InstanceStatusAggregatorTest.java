package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceStatus;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.MigrationStatus;
import dev.operator.discourse.instance.migration.MigrationPlan;
import dev.operator.discourse.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

class InstanceStatusAggregatorTest {

    private static final Clock T0 = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T01:00:00Z"), ZoneOffset.UTC);
    private static final RelationGate READY = new RelationGate(true, true, "RelationReady", "ready");

    private static StatefulSet workload(int replicas, int ready, String current, String update) {
        return new StatefulSetBuilder().withNewMetadata().withName("forum").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(replicas).withReadyReplicas(ready)
                .withUpdatedReplicas(replicas).withCurrentRevision(current).withUpdateRevision(update).endStatus()
                .build();
    }

    private static Condition condition(DiscourseInstanceStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow();
    }

    @Test
    void aFailingCheckWhileTheForumRunsIsDegradedNotDown() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var down = new RelationGate(false, true, "RelationNotReady", "Waiting for database relation: unreachable");
        var state = new InstanceState(List.of(), down, READY).withLiveReplicas(1);
        var status = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r1", "r1")), T0);
        assertThat(condition(status, "DatabaseReady")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("RunningDegraded");
            assertThat(c.getMessage()).isEqualTo("Waiting for database relation: unreachable; the running pods keep "
                    + "serving; nothing new rolls out until the checks pass again");
        });
        assertThat(condition(status, "RedisReady").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready")).as("Ready reflects the pods").satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("ReadyDegraded");
        });
        assertThat(status.getPhase()).isEqualTo(InstancePhase.Degraded);
        assertThat(status.getReplicas()).isEqualTo(1);

        var unready = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 0, "r1", "r1")), T0);
        assertThat(condition(unready, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(unready, "Ready").getReason()).isEqualTo("PodsNotReady");
    }

    @Test
    void aRefusedVolumeChangeIsACondition() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var state = new InstanceState(List.of(), READY, READY).withUploadsRefusal("volumes cannot shrink");
        var status = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r1", "r1")), T0);
        assertThat(condition(status, "UploadsVolume")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("CannotResize");
            assertThat(c.getMessage()).isEqualTo("volumes cannot shrink");
        });
        assertThat(condition(status, "Ready").getStatus()).as("the forum still serves").isEqualTo("True");
    }

    @Test
    void anInstanceOnS3HasNoVolumeCondition() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getS3().setEnabled(true);
        var status = InstanceStatusAggregator.aggregate(instance, new InstanceState(List.of(), READY, READY),
                Optional.of(workload(1, 1, "r1", "r1")), T0);
        assertThat(status.getConditions()).extracting(Condition::getType).doesNotContain("UploadsVolume");
    }

    @Test
    void aSeparateSidekiqIsReportedApartAndRollsOutBeforeProgressingEnds() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getSidekiq().setMode(dev.operator.discourse.api.v1alpha1.SidekiqMode.SEPARATE);
        instance.getSpec().getSidekiq().setReplicas(2);
        var state = new InstanceState(List.of(), READY, READY);
        var rolling = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r1", "r1")),
                Optional.of(workload(2, 1, "s1", "s2")), T0);
        assertThat(condition(rolling, "Ready").getStatus()).as("web serves").isEqualTo("True");
        assertThat(condition(rolling, "Progressing").getReason()).isEqualTo("RollingOutSidekiq");
        assertThat(condition(rolling, "SidekiqReady").getStatus()).isEqualTo("False");
        assertThat(rolling.getSidekiqReplicas()).isEqualTo(2);
        assertThat(rolling.getSidekiqReadyReplicas()).isEqualTo(1);

        var done = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r1", "r1")),
                Optional.of(workload(2, 2, "s2", "s2")), T0);
        assertThat(condition(done, "Progressing").getReason()).isEqualTo("RolloutComplete");
        assertThat(condition(done, "SidekiqReady").getStatus()).isEqualTo("True");
        assertThat(done.getSelector()).as("the scale subresource's selector")
                .isEqualTo("app.kubernetes.io/name=discourse,app.kubernetes.io/instance=forum");
    }

    @Test
    void readyWhenEverythingIs() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var status = InstanceStatusAggregator.aggregate(instance, new InstanceState(List.of(), READY, READY),
                Optional.of(workload(1, 1, "r1", "r1")), T0);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactlyInAnyOrder("Ready", "ConfigValid", "DatabaseReady", "RedisReady", "Progressing",
                        "UploadsVolume");
        assertThat(condition(status, "UploadsVolume").getReason()).isEqualTo("AsSpecified");
        assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
        assertThat(status.getUrl()).isEqualTo("http://forum");
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void waitingForDatabaseComesBeforeRedisAndPodsAreZero() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var state = new InstanceState(List.of(), RelationGate.database(List.of()), RelationGate.redis(List.of()));
        var status = InstanceStatusAggregator.aggregate(instance, state, Optional.empty(), T0);
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("Waiting for database relation");
        assertThat(condition(status, "DatabaseReady").getStatus()).isEqualTo("False");
        assertThat(condition(status, "RedisReady").getMessage()).isEqualTo("Waiting for redis relation");
        assertThat(status.getReplicas()).isZero();
    }

    @Test
    void invalidConfigKeepsTheRunningReplicasAndSaysWhy() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var state = new InstanceState(List.of("a", "b"), READY, READY);
        var status = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(2, 2, "r1", "r1")), T0);
        assertThat(condition(status, "ConfigValid").getStatus()).isEqualTo("False");
        assertThat(condition(status, "ConfigValid").getMessage()).isEqualTo("a, b");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidConfig");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(status.getReplicas()).isEqualTo(2);
    }

    @Test
    void rollingOutUntilRevisionsMatch() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var status = InstanceStatusAggregator.aggregate(instance, new InstanceState(List.of(), READY, READY),
                Optional.of(workload(1, 1, "r1", "r2")), T0);
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("PodsNotReady");
    }

    @Test
    void convergedStatusIsEqualSoNothingIsWritten() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var state = new InstanceState(List.of(), READY, READY);
        var first = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r", "r")), T0);
        instance.setStatus(first);
        var second = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r", "r")), T1);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void transitionTimeMovesOnlyWhenStatusChanges() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var waiting = new InstanceState(List.of(), RelationGate.database(List.of()), READY);
        instance.setStatus(InstanceStatusAggregator.aggregate(instance, waiting, Optional.empty(), T0));
        var ready = new InstanceState(List.of(), READY, READY);
        var next = InstanceStatusAggregator.aggregate(instance, ready, Optional.of(workload(1, 1, "r", "r")), T1);
        assertThat(condition(next, "DatabaseReady").getLastTransitionTime()).isEqualTo("2026-01-01T01:00:00Z");
        assertThat(condition(next, "RedisReady").getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    }

    private static MigrationPlan plan(InstancePhase phase, boolean hold, String failure, String message) {
        return new MigrationPlan(phase, "img", hold, Optional.empty(), List.of(),
                failure == null ? new MigrationStatus("forum-pre-1", "Running", null)
                        : new MigrationStatus("forum-pre-1", "Failed", "tail"),
                failure, "3.5.2", message);
    }

    @Test
    void aFirstInstallIsNotReadyWhileItMigrates() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var state = new InstanceState(List.of(), READY, READY, plan(InstancePhase.Migrating, true, null, "Executing migrations"));
        var status = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(0, 0, "r1", "r1")), T0);
        assertThat(condition(status, "Ready")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("Migrating");
            assertThat(c.getMessage()).isEqualTo("Executing migrations");
        });
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("Migrating");
        assertThat(status.getPhase()).isEqualTo(InstancePhase.Migrating);
        assertThat(status.getReplicas()).isZero();
        assertThat(status.getMigration().getJob()).isEqualTo("forum-pre-1");
        assertThat(status.getDiscourseVersion()).isEqualTo("3.5.2");
    }

    @Test
    void aFailedUpgradeStopsProgressingButTheOldPodsStayReady() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        var state = new InstanceState(List.of(), READY, READY,
                plan(InstancePhase.Migrating, false, "Job forum-pre-1 failed", "Job forum-pre-1 failed. Fix it"));
        var status = InstanceStatusAggregator.aggregate(instance, state, Optional.of(workload(1, 1, "r1", "r1")), T0);
        assertThat(condition(status, "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("MigrationFailed");
            assertThat(c.getMessage()).isEqualTo("Job forum-pre-1 failed. Fix it");
        });
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(status.getMigration().getLogTail()).isEqualTo("tail");
        assertThat(status.getTargetImage()).isEqualTo(instance.getSpec().getImage());
    }

    @Test
    void theVersionLearnedForAnImageIsKeptWhenThePodsAreGone() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        DiscourseInstanceStatus previous = new DiscourseInstanceStatus();
        previous.setTargetImage(instance.getSpec().getImage());
        previous.setDiscourseVersion("3.5.2");
        instance.setStatus(previous);
        var ready = new MigrationPlan(InstancePhase.Ready, "img", false, Optional.empty(), List.of(), null, null, null, "done");
        var status = InstanceStatusAggregator.aggregate(instance, new InstanceState(List.of(), READY, READY, ready),
                Optional.of(workload(1, 1, "r1", "r1")), T0);
        assertThat(status.getDiscourseVersion()).isEqualTo("3.5.2");
        instance.getSpec().setImage("other:1");
        assertThat(InstanceStatusAggregator.aggregate(instance, new InstanceState(List.of(), READY, READY, ready),
                Optional.of(workload(1, 1, "r1", "r1")), T0).getDiscourseVersion()).isNull();
    }
}
