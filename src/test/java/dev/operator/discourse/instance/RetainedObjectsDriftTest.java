package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

class RetainedObjectsDriftTest {

    private static final OwnerReference BACKUP_TOOL = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap")
            .withName("backup").withUid("other").build();

    private static DiscourseInstance instance() {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace("ns").withUid("forum-uid").build());
        instance.setSpec(new DiscourseInstanceSpec());
        return instance;
    }

    private static PersistentVolumeClaim claim(String size, OwnerReference... owners) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("forum-uploads").withOwnerReferences(owners)
                .endMetadata().withNewSpec().withNewResources().withRequests(Map.of("storage", new Quantity(size)))
                .endResources().endSpec().build();
    }

    @Test
    void deleteAddsTheInstanceAsOwnerBesideOthers() {
        var owners = RetainedObjectsDrift.owners(claim("10Gi", BACKUP_TOOL), instance(), RetentionPolicy.DELETE);
        assertThat(owners).get().asList().extracting(o -> ((OwnerReference) o).getUid()).containsExactly("other", "forum-uid");
    }

    @Test
    void retainRemovesOnlyTheInstancesOwnerReference() {
        OwnerReference ours = DesiredRetainedObjects.ownerReference(instance());
        var owners = RetainedObjectsDrift.owners(claim("10Gi", BACKUP_TOOL, ours), instance(), RetentionPolicy.RETAIN);
        assertThat(owners).contains(List.of(BACKUP_TOOL));
    }

    @Test
    void anObjectAlreadyAsThePolicySaysIsLeftAlone() {
        OwnerReference ours = DesiredRetainedObjects.ownerReference(instance());
        assertThat(RetainedObjectsDrift.owners(claim("10Gi", ours), instance(), RetentionPolicy.DELETE)).isEmpty();
        assertThat(RetainedObjectsDrift.owners(claim("10Gi"), instance(), RetentionPolicy.RETAIN)).isEmpty();
    }

    @Test
    void aBiggerSizeGrowsTheVolume() {
        var change = RetainedObjectsDrift.storage(claim("10Gi"), "20Gi");
        assertThat(change.grow()).contains(new Quantity("20Gi"));
        assertThat(change.refused()).isEmpty();
    }

    @Test
    void theSameSizeInOtherUnitsIsNoChange() {
        var change = RetainedObjectsDrift.storage(claim("10Gi"), "10240Mi");
        assertThat(change.grow()).isEmpty();
        assertThat(change.refused()).isEmpty();
    }

    @Test
    void aSmallerSizeIsRefusedWithTheReason() {
        var change = RetainedObjectsDrift.storage(claim("20Gi"), "5Gi");
        assertThat(change.grow()).isEmpty();
        assertThat(change.refused()).contains(
                "uploads.size 5Gi is smaller than the uploads volume's 20Gi; volumes cannot shrink, so it stays 20Gi");
    }
}
