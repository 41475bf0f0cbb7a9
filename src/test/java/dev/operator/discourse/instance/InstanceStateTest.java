package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InstanceStateTest {

    private static final RelationGate READY = new RelationGate(true, true, "RelationReady", "ready");
    private static final RelationGate WAITING = new RelationGate(false, false, "RelationMissing", "waiting");

    @Test
    void replicasStayZeroUntilBothRelationsAreReady() {
        assertThat(new InstanceState(List.of(), WAITING, WAITING).workloadReplicas(3)).isZero();
        assertThat(new InstanceState(List.of(), READY, WAITING).workloadReplicas(3)).isZero();
        assertThat(new InstanceState(List.of(), WAITING, READY).workloadReplicas(3)).isZero();
        assertThat(new InstanceState(List.of(), READY, READY).workloadReplicas(3)).isEqualTo(3);
    }

    private static final RelationGate DOWN = new RelationGate(false, true, "RelationNotReady", "unreachable");

    @Test
    void aRunningForumKeepsItsPodsWhileACheckFailsAndAddsNone() {
        var down = new InstanceState(List.of(), DOWN, READY).withLiveReplicas(2);
        assertThat(down.degraded()).isTrue();
        assertThat(down.workloadReplicas(2)).as("no scale-down").isEqualTo(2);
        assertThat(down.workloadReplicas(5)).as("no scale-up either").isEqualTo(2);
        assertThat(down.workloadReplicas(1)).as("a smaller spec is the user's wish").isEqualTo(1);
        assertThat(new InstanceState(List.of(), READY, DOWN).withLiveReplicas(1).workloadReplicas(1)).isEqualTo(1);
    }

    @Test
    void onlyWhatHasNotHappenedYetWaits() {
        assertThat(new InstanceState(List.of(), DOWN, READY).withLiveReplicas(0).workloadReplicas(3))
                .as("a first rollout waits for the check").isZero();
        assertThat(new InstanceState(List.of(), WAITING, READY).withLiveReplicas(2).workloadReplicas(2))
                .as("a deleted or missing relation brings the forum down").isZero();
        assertThat(new InstanceState(List.of(), WAITING, READY).withLiveReplicas(2).degraded()).isFalse();
    }

    @Test
    void whileDegradedANewTemplateIsWrittenButNoRunningPodIsReplaced() {
        var down = new InstanceState(List.of(), DOWN, READY).withLiveReplicas(2);
        assertThat(down.heldRolloutPartition(2)).isEqualTo(2);
        assertThat(new InstanceState(List.of(), READY, READY).withLiveReplicas(2).heldRolloutPartition(2)).isNull();
        assertThat(new InstanceState(List.of(), DOWN, READY).withLiveReplicas(0).heldRolloutPartition(0))
                .as("nothing runs, nothing to hold").isNull();

        var instance = TestInstances.minimal("forum");
        var held = DesiredStatefulSet.build(instance, 2, "img:2", false, down.heldRolloutPartition(2));
        assertThat(held.getSpec().getUpdateStrategy().getRollingUpdate().getPartition())
                .as("pods with an ordinal below the partition keep their template").isEqualTo(2);
        assertThat(DesiredStatefulSet.build(instance, 2, "img:2", false, null).getSpec().getUpdateStrategy()
                .getRollingUpdate()).as("released: the rollout goes on").isNull();
    }

    @Test
    void theStatefulSetFollowsTheGate() {
        var instance = TestInstances.minimal("forum");
        instance.getSpec().setReplicas(1);
        var ready = new InstanceState(List.of(), READY, READY);
        assertThat(DesiredStatefulSet.build(instance, ready.workloadReplicas(1)).getSpec().getReplicas()).isEqualTo(1);
    }
}
