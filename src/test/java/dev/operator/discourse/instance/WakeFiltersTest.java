package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;

class WakeFiltersTest {

    @Test
    void aJobWakesTheInstanceWhenItEndsNotWhileItRuns() {
        Job created = new JobBuilder().withNewMetadata().withName("pre").endMetadata().build();
        Job active = new JobBuilder(created).withNewStatus().withActive(1).withReady(0).endStatus().build();
        Job ready = new JobBuilder(created).withNewStatus().withActive(1).withReady(1).endStatus().build();
        Job succeeded = new JobBuilder(created).withNewStatus().withSucceeded(1).addToConditions(condition("Complete"))
                .endStatus().build();
        Job failedCount = new JobBuilder(created).withNewStatus().withFailed(1).endStatus().build();
        Job failedCondition = new JobBuilder(created).withNewStatus().withFailed(1).addToConditions(condition("Failed"))
                .endStatus().build();

        assertThat(WakeFilters.jobChanged(active, created)).isFalse();
        assertThat(WakeFilters.jobChanged(ready, active)).isFalse();
        assertThat(WakeFilters.jobChanged(succeeded, ready)).isTrue();
        assertThat(WakeFilters.jobChanged(failedCount, ready)).isTrue();
        assertThat(WakeFilters.jobChanged(failedCondition, failedCount)).as("when it failed, read by the planner")
                .isTrue();
    }

    @Test
    void aMigrationPodWakesTheInstanceAtPhaseChangesAndWhenItsContainerTerminates() {
        Pod pending = new PodBuilder().withNewMetadata().withName("pre-x").endMetadata().withNewStatus()
                .withPhase("Pending").endStatus().build();
        Pod scheduled = new PodBuilder(pending).editStatus().addNewCondition().withType("PodScheduled")
                .withStatus("True").endCondition().endStatus().build();
        Pod running = new PodBuilder(scheduled).editStatus().withPhase("Running").endStatus().build();
        Pod ready = new PodBuilder(running).editStatus().addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build();
        Pod terminated = new PodBuilder(ready).editStatus().addToContainerStatuses(new ContainerStatusBuilder()
                .withName("discourse").withNewState().withNewTerminated().withExitCode(0).withMessage("3.5.0")
                .endTerminated().endState().build()).endStatus().build();

        assertThat(WakeFilters.podChanged(scheduled, pending)).isFalse();
        assertThat(WakeFilters.podChanged(running, scheduled)).isTrue();
        assertThat(WakeFilters.podChanged(ready, running)).isFalse();
        assertThat(WakeFilters.podChanged(terminated, ready)).as("its termination message appears").isTrue();
    }

    @Test
    void theUploadsClaimWakesTheInstanceForItsOwnersAndSizeNotForBinding() {
        PersistentVolumeClaim created = new PersistentVolumeClaimBuilder().withNewMetadata().withName("uploads")
                .addToLabels("app", "x").endMetadata().withNewSpec().withNewResources()
                .addToRequests("storage", new Quantity("10Gi")).endResources().endSpec().build();
        PersistentVolumeClaim bound = new PersistentVolumeClaimBuilder(created).editMetadata()
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes").endMetadata().editSpec()
                .withVolumeName("pv-1").endSpec().withNewStatus().withPhase("Bound").endStatus().build();
        PersistentVolumeClaim owned = new PersistentVolumeClaimBuilder(bound).editMetadata().addNewOwnerReference()
                .withName("forum").withUid("u").endOwnerReference().endMetadata().build();
        PersistentVolumeClaim grown = new PersistentVolumeClaimBuilder(bound).editSpec().editResources()
                .withRequests(Map.of("storage", new Quantity("20Gi"))).endResources().endSpec().build();

        assertThat(WakeFilters.claimChanged(bound, created)).isFalse();
        assertThat(WakeFilters.claimChanged(owned, bound)).isTrue();
        assertThat(WakeFilters.claimChanged(grown, bound)).isTrue();
        assertThat(new WakeFilters.ClaimUpdates().accept(bound, created)).isFalse();
    }

    @Test
    void aRelationWakesTheInstanceForItsSpecStatusAndDeletionNotForItsFinalizer() {
        RedisRelation created = new RedisRelation();
        created.setMetadata(new ObjectMetaBuilder().withName("cache").withGeneration(1L).build());
        RedisRelation finalized = new RedisRelation();
        finalized.setMetadata(new ObjectMetaBuilder(created.getMetadata()).addToFinalizers("x").build());
        RedisRelation ready = new RedisRelation();
        ready.setMetadata(finalized.getMetadata());
        ready.setStatus(new RedisRelationStatus());
        ready.getStatus().setObservedGeneration(1L);
        RedisRelation edited = new RedisRelation();
        edited.setMetadata(new ObjectMetaBuilder(finalized.getMetadata()).withGeneration(2L).build());
        edited.setStatus(ready.getStatus());
        RedisRelation deleted = new RedisRelation();
        deleted.setMetadata(new ObjectMetaBuilder(edited.getMetadata()).withDeletionTimestamp("2026-12-02T10:00:00Z")
                .build());
        deleted.setStatus(ready.getStatus());

        assertThat(WakeFilters.relationChanged(finalized, created)).isFalse();
        assertThat(WakeFilters.relationChanged(ready, finalized)).isTrue();
        assertThat(WakeFilters.relationChanged(edited, ready)).isTrue();
        assertThat(WakeFilters.relationChanged(deleted, edited)).isTrue();
    }

    static io.fabric8.kubernetes.api.model.batch.v1.JobCondition condition(String type) {
        return new JobConditionBuilder().withType(type).withStatus("True").withLastTransitionTime("2026-12-02T10:00:00Z")
                .build();
    }
}
