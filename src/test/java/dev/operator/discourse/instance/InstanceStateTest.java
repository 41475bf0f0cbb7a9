package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InstanceStateTest {

    private static final RelationGate READY = new RelationGate(true, "RelationReady", "ready");
    private static final RelationGate WAITING = new RelationGate(false, "RelationMissing", "waiting");

    @Test
    void replicasStayZeroUntilBothRelationsAreReady() {
        assertThat(new InstanceState(List.of(), WAITING, WAITING).workloadReplicas(3)).isZero();
        assertThat(new InstanceState(List.of(), READY, WAITING).workloadReplicas(3)).isZero();
        assertThat(new InstanceState(List.of(), WAITING, READY).workloadReplicas(3)).isZero();
        assertThat(new InstanceState(List.of(), READY, READY).workloadReplicas(3)).isEqualTo(3);
    }

    @Test
    void theStatefulSetFollowsTheGate() {
        var instance = TestInstances.minimal("forum");
        instance.getSpec().setReplicas(1);
        var ready = new InstanceState(List.of(), READY, READY);
        assertThat(DesiredStatefulSet.build(instance, ready.workloadReplicas(1)).getSpec().getReplicas()).isEqualTo(1);
    }
}
