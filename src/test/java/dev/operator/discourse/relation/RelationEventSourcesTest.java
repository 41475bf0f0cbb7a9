package dev.operator.discourse.relation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

class RelationEventSourcesTest {

    private static StatefulSet sts(long generation, int readyReplicas) {
        return new StatefulSetBuilder().withNewMetadata().withName("forum").withGeneration(generation).endMetadata()
                .withNewStatus().withReadyReplicas(readyReplicas).endStatus().build();
    }

    @Test
    void aStatusOnlyUpdateDoesNotWakeTheRelations() {
        assertThat(RelationEventSources.specChanged(sts(3, 1), sts(3, 0))).isFalse();
    }

    @Test
    void aSpecChangeDoes() {
        assertThat(RelationEventSources.specChanged(sts(4, 0), sts(3, 0))).isTrue();
    }
}
