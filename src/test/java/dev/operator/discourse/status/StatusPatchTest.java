package dev.operator.discourse.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceStatus;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

class StatusPatchTest {

    @Test
    void theStatusIsAppliedWithoutTheResourceVersionTheSpecOrManagedFields() {
        DiscourseInstance seen = new DiscourseInstance();
        seen.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace("ns").withResourceVersion("41")
                .withGeneration(3L).withUid("u-1").build());
        seen.setSpec(new DiscourseInstanceSpec());
        DiscourseInstanceStatus status = new DiscourseInstanceStatus();
        status.setPhase(InstancePhase.Ready);

        var control = StatusPatch.of(seen, status);

        assertThat(control.isPatchStatus()).isTrue();
        DiscourseInstance patch = control.getResource().orElseThrow();
        assertThat(patch).isNotSameAs(seen);
        assertThat(patch.getMetadata().getResourceVersion()).as("no optimistic lock on a status only we write").isNull();
        assertThat(patch.getMetadata().getName()).isEqualTo("forum");
        assertThat(patch.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(patch.getSpec()).isNull();
        assertThat(patch.getStatus()).isSameAs(status);
        assertThat(patch.getApiVersion()).isEqualTo("discourse.operator.dev/v1alpha1");
        assertThat(patch.getKind()).isEqualTo("DiscourseInstance");
        assertThat(seen.getStatus()).as("the reconciled copy shows what was written").isSameAs(status);
    }
}
