package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.UserOperation;
import dev.operator.discourse.workload.JobOutcome;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The task's Job as built, and what its ending means, without a cluster. */
class UserTaskJobTest {

    private static final String PASSWORD = "Abc123def456GHI7";

    @Test
    void theJobRunsTheStepsInTheWorkloadsContainerAndHoldsThePasswordOnlyByReference() {
        DiscourseUserTask task = SmallPartsTest.task(null);
        Job job = UserTaskJob.build(task, workload(), "ann-password", PASSWORD);

        assertThat(job.getMetadata().getName()).matches("ann-[0-9a-f]{8}").isEqualTo(UserTaskJob.name(task));
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "user-task")
                .containsEntry(UserTaskJob.LABEL_TASK, "ann").containsEntry(UserTaskJob.LABEL_INSTANCE, "forum")
                .doesNotContainKey("app.kubernetes.io/instance");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("database-ca");
        var container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("discourse:3.5.2");
        assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getWorkingDir()).isEqualTo("/srv/discourse/app");
        assertThat(container.getCommand()).startsWith("/bin/sh", "-c");
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("DISCOURSE_DB_HOST", "USER_TASK_EMAIL",
                "USER_TASK_ADMIN", "USER_TASK_MODE", UserTaskScript.PASSWORD_ENV);
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals(UserTaskScript.PASSWORD_ENV)).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ann-password"));
        assertThat(Serialization.asJson(job)).doesNotContain(PASSWORD);
    }

    @Test
    void aLongTaskNameIsCutSoThePodsJobNameLabelFits() {
        DiscourseUserTask task = SmallPartsTest.task(null);
        task.getMetadata().setName("a".repeat(70));
        assertThat(UserTaskJob.name(task)).hasSize(63).matches("a{54}-[0-9a-f]{8}");
    }

    @Test
    void anEndedJobIsReadThroughItsMessageOrItsStatus() {
        var spec = UserTaskExecutionTest.spec(UserOperation.CREATE_USER);
        assertThat(UserTaskJobResult.outcome(spec, JobOutcome.FAILED, Optional.of("0\n--\n"), PASSWORD, "p", "j", false))
                .get().extracting(UserTaskOutcome::reason).isEqualTo("UserExists");
        // succeeded, its message gone with its pod: every step went as hoped
        assertThat(UserTaskJobResult.outcome(spec, JobOutcome.SUCCEEDED, Optional.empty(), PASSWORD, "p", "j", false))
                .get().extracting(UserTaskOutcome::message).isEqualTo("Created user ann@example.com; the password is in Secret p");
        // failed, and its pod has not shown its end yet: wait for it
        assertThat(UserTaskJobResult.outcome(spec, JobOutcome.FAILED, Optional.empty(), PASSWORD, "p", "j", true)).isEmpty();
        // failed with the log's tail instead of the script's message: the pod died, and nobody knows what ran
        assertThat(UserTaskJobResult.outcome(spec, JobOutcome.FAILED, Optional.of("OOMKilled " + PASSWORD), PASSWORD, "p",
                "j", false)).get().satisfies(o -> {
                    assertThat(o.reason()).isEqualTo("JobFailed");
                    assertThat(o.message()).startsWith("Job j failed before it could report").contains("OOMKilled ******")
                            .doesNotContain(PASSWORD);
                });
    }

    @Test
    void onlyTheScriptsOwnMessageIsReplayed() {
        assertThat(JobReplay.parse(null)).isEmpty();
        assertThat(JobReplay.parse("3.5.2")).isEmpty();
        assertThat(JobReplay.parse("--\nx")).isEmpty();
        assertThat(JobReplay.parse("3\n0")).isEmpty();
        JobReplay replay = JobReplay.parse("3\n1\n--\nboom\n").orElseThrow();
        Command any = UserTaskCommands.anonymizeUser("x");
        assertThat(replay.run(any)).isEqualTo(new CommandResult(3, ""));
        assertThat(replay.run(any)).isEqualTo(new CommandResult(1, "boom\n"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replay.run(any)).isInstanceOf(CommandRunnerException.class);
    }

    private static StatefulSet workload() {
        return new StatefulSetBuilder().withMetadata(new ObjectMetaBuilder().withName("forum").withNamespace("ns").build())
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/instance", "forum").endSelector()
                .withNewTemplate().withNewSpec()
                .addNewContainer().withName("discourse").withImage("discourse:3.5.2")
                .addNewEnv().withName("DISCOURSE_DB_HOST").withValue("db").endEnv()
                .addNewVolumeMount().withName("uploads").withMountPath("/srv/discourse/app/public/uploads").endVolumeMount()
                .addNewVolumeMount().withName("database-ca").withMountPath("/ca").endVolumeMount()
                .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
                .endContainer()
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim().withClaimName("forum-uploads")
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("database-ca").withNewSecret().withSecretName("ca").endSecret().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }
}
