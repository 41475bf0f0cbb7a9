package dev.operator.discourse.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;

class WorkloadPatchTest {

    @Test
    void carriesOnlyTheRelationsEnvAndAnnotationsInTheDiscourseContainer() {
        StatefulSet patch = WorkloadPatch.of("forum", "ns", List.of(new EnvVarBuilder().withName("DISCOURSE_REDIS_DB")
                .withValue("0").build()), Map.of("a", "b"));
        assertThat(patch.getApiVersion()).isEqualTo("apps/v1");
        assertThat(patch.getKind()).isEqualTo("StatefulSet");
        assertThat(patch.getMetadata().getName()).isEqualTo(WorkloadNames.statefulSet("forum"));
        assertThat(patch.getMetadata().getNamespace()).isEqualTo("ns");
        var template = patch.getSpec().getTemplate();
        assertThat(template.getMetadata().getAnnotations()).isEqualTo(Map.of("a", "b"));
        assertThat(template.getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo(WorkloadNames.CONTAINER);
            assertThat(c.getImage()).isNull();
            assertThat(c.getEnv()).extracting(e -> e.getName()).containsExactly("DISCOURSE_REDIS_DB");
        });
        // Nothing the instance owns may appear in the applied document, or SSA would claim it for the relation.
        String json = Serialization.asJson(patch);
        assertThat(json).doesNotContain("replicas").doesNotContain("selector").doesNotContain("ports")
                .doesNotContain("labels");
    }

    @Test
    void noAnnotationsMeansNoAnnotationsField() {
        StatefulSet patch = WorkloadPatch.of("forum", "ns", List.of(new EnvVarBuilder().withName("X").withValue("1").build()),
                Map.of());
        assertThat(patch.getSpec().getTemplate().getMetadata().getAnnotations()).isNull();
    }

    @Test
    void theEmptyIntentIsJustTheObjectsIdentity() {
        StatefulSet empty = WorkloadPatch.empty("forum", "ns");
        assertThat(empty.getSpec()).isNull();
        assertThat(WorkloadPatch.of("forum", "ns", List.of(), Map.of())).isEqualTo(empty);
    }
}
