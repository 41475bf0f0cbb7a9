package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.workload.JobOutcome;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/** The migration caches drop what the planner never reads and keep what it does. */
class MigrationCachePruningTest {

    @Test
    void aCachedMigrationPodKeepsItsLabelsAndTerminationMessageOnly() {
        Pod pod = new PodBuilder().withNewMetadata().withName("forum-pre-1-x").withNamespace("ns")
                .withCreationTimestamp("2026-12-02T10:00:00Z").addToLabels("job-name", "forum-pre-1")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").build()).endMetadata()
                .withNewSpec().addNewContainer().withName("discourse").withImage("discourse:3.5.2").endContainer()
                .endSpec()
                .withNewStatus().addNewContainerStatus().withName("discourse").withNewState().withNewTerminated()
                .withExitCode(0).withMessage("3.5.2\n").endTerminated().endState().endContainerStatus().endStatus()
                .build();

        Pod cached = DiscourseInstanceReconciler.MIGRATION_POD_AS_READ.apply(pod);

        assertThat(cached.getSpec()).isNull();
        assertThat(cached.getMetadata().getManagedFields()).isEmpty();
        assertThat(JobOutcome.terminationMessage("forum-pre-1", List.of(cached))).contains("3.5.2");
    }

    @Test
    void aCachedMigrationJobKeepsItsOutcomeAndAnnotationsButNotThePodTemplate() {
        Job job = new JobBuilder().withNewMetadata().withName("forum-pre-1").withNamespace("ns")
                .addToAnnotations("discourse.operator.dev/image", "discourse:3.5.2")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("discourse-operator").build())
                .endMetadata().withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().addNewContainer()
                .withName("discourse").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withSucceeded(1).addNewCondition().withType("Complete").withStatus("True")
                .endCondition().endStatus().build();

        Job cached = DiscourseInstanceReconciler.MIGRATION_JOB_AS_READ.apply(job);

        assertThat(cached.getSpec().getTemplate()).isNull();
        assertThat(cached.getMetadata().getManagedFields()).isEmpty();
        assertThat(cached.getMetadata().getAnnotations()).containsKey("discourse.operator.dev/image");
        assertThat(JobOutcome.of(cached)).isEqualTo(JobOutcome.SUCCEEDED);
    }
}
