package dev.operator.discourse.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

class WorkloadPatcherTest {

    @Test
    void anEmptyIntentHasSomethingToRemoveOnlyWhileTheManagerOwnsSpecFields() {
        assertThat(WorkloadPatcher.ownsSpecFields(new StatefulSetBuilder().withNewMetadata().endMetadata().build(),
                FieldManagers.INGRESS)).isFalse();
        StatefulSet owned = withManagedFields(FieldManagers.INGRESS, Map.of("f:spec", Map.of()));
        assertThat(WorkloadPatcher.ownsSpecFields(owned, FieldManagers.INGRESS)).isTrue();
        assertThat(WorkloadPatcher.ownsSpecFields(owned, FieldManagers.REDIS)).isFalse();
        assertThat(WorkloadPatcher.ownsSpecFields(withManagedFields(FieldManagers.INGRESS, Map.of("f:metadata", Map.of())),
                FieldManagers.INGRESS)).isFalse();
    }

    private static StatefulSet withManagedFields(String manager, Map<String, Object> fields) {
        FieldsV1 fieldsV1 = new FieldsV1();
        fields.forEach(fieldsV1::setAdditionalProperty);
        return new StatefulSetBuilder().withNewMetadata().withManagedFields(new ManagedFieldsEntryBuilder()
                .withManager(manager).withOperation("Apply").withFieldsV1(fieldsV1).build()).endMetadata().build();
    }
}
