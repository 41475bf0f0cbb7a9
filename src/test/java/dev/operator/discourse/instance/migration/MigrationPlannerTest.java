package dev.operator.discourse.instance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.SecretKeyRef;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.instance.TestInstances;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;

class MigrationPlannerTest {

    static final String OLD = "ghcr.io/discourse-operator/discourse:3.5.1";
    static final String NEW = "ghcr.io/discourse-operator/discourse:3.5.2";

    final DiscourseInstance instance = TestInstances.minimal("forum");
    final List<Job> jobs = new ArrayList<>();
    final List<Pod> pods = new ArrayList<>();

    MigrationPlannerTest() {
        instance.getSpec().setImage(NEW);
        instance.getSpec().setReplicas(2);
        instance.getSpec().getUploads().setAccessMode(
                dev.operator.discourse.api.v1alpha1.UploadsStorageSpec.AccessMode.READ_WRITE_MANY);
    }

    /** A StatefulSet as the relations leave it: the instance's base plus their env. */
    StatefulSet live(String image, int replicas, boolean rolledOut) {
        StatefulSet sts = DesiredStatefulSet.build(instance, replicas, image);
        sts.getMetadata().setGeneration(3L);
        var env = sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        env.add(new EnvVarBuilder().withName("DISCOURSE_DB_HOST").withNewValueFrom().withNewSecretKeyRef()
                .withName("db").withKey("host").endSecretKeyRef().endValueFrom().build());
        env.add(new EnvVarBuilder().withName("DISCOURSE_REDIS_HOST").withValue("redis").build());
        if (rolledOut) {
            sts.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(3L).withReplicas(replicas)
                    .withReadyReplicas(replicas).withUpdatedReplicas(replicas).withCurrentRevision("r")
                    .withUpdateRevision("r").build());
        }
        return sts;
    }

    Job job(StatefulSet live, MigrationStep step, String image, String outcome) {
        Job job = MigrationJobs.build(instance, live, step, image,
                step == MigrationStep.ASSETS ? MigrationJobs.s3Fingerprint(instance.getSpec()) : Optional.empty());
        switch (outcome) {
            case "succeeded" -> job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
            case "failed" -> job.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new ArrayList<>()).build());
            default -> job.setStatus(new JobStatusBuilder().withActive(1).build());
        }
        jobs.add(job);
        return job;
    }

    void podSaid(Job job, String message) {
        pods.add(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x")
                .addToLabels("job-name", job.getMetadata().getName()).withCreationTimestamp("2026-01-01T00:00:00Z")
                .endMetadata().withNewStatus().addNewContainerStatus().withName("discourse").withNewState().withNewTerminated()
                .withExitCode(0).withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build());
    }

    MigrationPlan plan(Optional<StatefulSet> live) {
        return MigrationPlanner.plan(instance, true, live, jobs, pods);
    }

    @Test
    void waitsForTheRelationsWithoutAnyJob() {
        MigrationPlan plan = MigrationPlanner.plan(instance, false, Optional.empty(), jobs, pods);
        assertThat(plan.phase()).isEqualTo(InstancePhase.Pending);
        assertThat(plan.start()).isEmpty();
        assertThat(plan.workloadImage()).isEqualTo(NEW);
    }

    @Test
    void firstInstallRunsPreMigrationsAtZeroReplicas() {
        MigrationPlan plan = plan(Optional.of(live(NEW, 0, false)));
        assertThat(plan.phase()).isEqualTo(InstancePhase.Migrating);
        assertThat(plan.start()).contains(MigrationStep.PRE);
        assertThat(plan.holdAtZero()).isTrue();
        assertThat(plan.workloadImage()).isEqualTo(NEW);
        assertThat(plan.message()).startsWith("Executing migrations: pre-deployment migrations (Job forum-pre-");
    }

    /** The status a reconcile writes as it starts a Job is the one the Job's appearance in the cache gives. */
    @Test
    void aJobBeingStartedReadsAsTheRunningJobItWillBe() {
        StatefulSet live = live(NEW, 0, false);
        MigrationPlan starting = plan(Optional.of(live));
        job(live, MigrationStep.PRE, NEW, "running");
        MigrationPlan running = plan(Optional.of(live));

        assertThat(starting.start()).contains(MigrationStep.PRE);
        assertThat(running.start()).isEmpty();
        assertThat(starting.migration()).isEqualTo(running.migration());
        assertThat(starting.message()).isEqualTo(running.message());
        assertThat(starting.phase()).isEqualTo(running.phase());
    }

    @Test
    void noJobBeforeTheRelationsSettingsAreOnTheWorkload() {
        StatefulSet bare = DesiredStatefulSet.build(instance, 0, NEW);
        MigrationPlan plan = plan(Optional.of(bare));
        assertThat(plan.start()).isEmpty();
        assertThat(plan.holdAtZero()).isTrue();
        assertThat(plan.message()).startsWith("Waiting for the relations' settings");
        assertThat(plan(Optional.empty()).start()).isEmpty();
    }

    @Test
    void aRunningPreJobIsWaitedFor() {
        StatefulSet live = live(NEW, 0, false);
        Job pre = job(live, MigrationStep.PRE, NEW, "running");
        MigrationPlan plan = plan(Optional.of(live));
        assertThat(plan.start()).isEmpty();
        assertThat(plan.migration().getJob()).isEqualTo(pre.getMetadata().getName());
        assertThat(plan.migration().getState()).isEqualTo("Running");
        assertThat(plan.holdAtZero()).isTrue();
    }

    @Test
    void anUpgradeKeepsTheOldImageServingUntilPreMigrationsSucceed() {
        StatefulSet live = live(OLD, 2, true);
        MigrationPlan plan = plan(Optional.of(live));
        assertThat(plan.phase()).isEqualTo(InstancePhase.Migrating);
        assertThat(plan.start()).contains(MigrationStep.PRE);
        assertThat(plan.workloadImage()).isEqualTo(OLD);
        assertThat(plan.holdAtZero()).isFalse();

        job(live, MigrationStep.PRE, NEW, "succeeded");
        MigrationPlan next = plan(Optional.of(live));
        assertThat(next.phase()).isEqualTo(InstancePhase.RollingOut);
        assertThat(next.workloadImage()).isEqualTo(NEW);
        assertThat(next.start()).isEmpty();
    }

    @Test
    void postMigrationsRunOnlyAfterTheRolloutThenReadyCleansUpOldJobs() {
        StatefulSet old = live(OLD, 2, true);
        Job oldPre = job(old, MigrationStep.PRE, OLD, "succeeded");
        Job oldPost = job(old, MigrationStep.POST, OLD, "succeeded");
        job(old, MigrationStep.PRE, NEW, "succeeded");
        StatefulSet rolling = live(NEW, 2, false);
        assertThat(plan(Optional.of(rolling)).phase()).isEqualTo(InstancePhase.RollingOut);

        StatefulSet rolled = live(NEW, 2, true);
        MigrationPlan post = plan(Optional.of(rolled));
        assertThat(post.phase()).isEqualTo(InstancePhase.PostMigrating);
        assertThat(post.start()).contains(MigrationStep.POST);
        assertThat(post.delete()).isEmpty();

        job(rolled, MigrationStep.POST, NEW, "succeeded");
        MigrationPlan ready = plan(Optional.of(rolled));
        assertThat(ready.phase()).isEqualTo(InstancePhase.Ready);
        assertThat(ready.delete()).containsExactlyInAnyOrder(oldPre.getMetadata().getName(), oldPost.getMetadata().getName());
        assertThat(ready.failed()).isFalse();
    }

    /** The separate Sidekiq workload of the instance, as its rollout leaves it. */
    StatefulSet sidekiq(String image, int replicas, boolean rolledOut) {
        StatefulSet sts = dev.operator.discourse.instance.DesiredSidekiqStatefulSet.build(instance, replicas, image,
                false, null);
        sts.getMetadata().setGeneration(2L);
        if (rolledOut) {
            sts.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(2L).withReplicas(replicas)
                    .withReadyReplicas(replicas).withUpdatedReplicas(replicas).withCurrentRevision("s")
                    .withUpdateRevision("s").build());
        }
        return sts;
    }

    @Test
    void postMigrationsAlsoWaitForASeparateSidekiqToRunTheNewImage() {
        instance.getSpec().getSidekiq().setMode(dev.operator.discourse.api.v1alpha1.SidekiqMode.SEPARATE);
        instance.getSpec().getSidekiq().setReplicas(2);
        StatefulSet rolled = live(NEW, 2, true);
        job(rolled, MigrationStep.PRE, NEW, "succeeded");
        java.time.Instant now = java.time.Instant.now();
        assertThat(MigrationPlanner.plan(instance, true, Optional.of(rolled), Optional.empty(), jobs, pods, now).phase())
                .as("no Sidekiq workload yet").isEqualTo(InstancePhase.RollingOut);
        assertThat(MigrationPlanner.plan(instance, true, Optional.of(rolled), Optional.of(sidekiq(OLD, 2, true)), jobs,
                pods, now).phase()).as("Sidekiq still on the old image").isEqualTo(InstancePhase.RollingOut);
        assertThat(MigrationPlanner.plan(instance, true, Optional.of(rolled), Optional.of(sidekiq(NEW, 2, false)), jobs,
                pods, now).phase()).as("Sidekiq rolling").isEqualTo(InstancePhase.RollingOut);
        assertThat(MigrationPlanner.plan(instance, true, Optional.of(rolled), Optional.of(sidekiq(NEW, 2, true)), jobs,
                pods, now).phase()).isEqualTo(InstancePhase.PostMigrating);
    }

    @Test
    void onlyOneJobAtATime() {
        StatefulSet live = live(OLD, 2, true);
        Job oldPost = job(live, MigrationStep.POST, OLD, "running");
        MigrationPlan plan = plan(Optional.of(live));
        assertThat(plan.start()).isEmpty();
        assertThat(plan.migration().getJob()).isEqualTo(oldPost.getMetadata().getName());
        assertThat(plan.message()).isEqualTo("Waiting for Job " + oldPost.getMetadata().getName()
                + " to finish before pre-deployment migrations");
    }

    @Test
    void aFailedJobIsReportedWithTheTailOfItsLogAndNotRetried() {
        StatefulSet live = live(OLD, 2, true);
        Job pre = job(live, MigrationStep.PRE, NEW, "failed");
        podSaid(pre, "== 20260101 AddThing: migrating\nrake aborted!\nPG::DuplicateColumn: column \"x\" already exists\n");
        MigrationPlan plan = plan(Optional.of(live));
        assertThat(plan.failed()).isTrue();
        assertThat(plan.start()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.workloadImage()).isEqualTo(OLD);
        assertThat(plan.holdAtZero()).isFalse();
        assertThat(plan.failure()).isEqualTo("Job " + pre.getMetadata().getName()
                + " (pre-deployment migrations) failed: PG::DuplicateColumn: column \"x\" already exists");
        assertThat(plan.migration().getState()).isEqualTo("Failed");
        assertThat(plan.migration().getLogTail()).startsWith("== 20260101 AddThing").endsWith("already exists");
        assertThat(plan.message()).endsWith("Fix the spec or delete the Job to retry; the running pods keep serving");
    }

    @Test
    void aJobThatFailedOnADatabaseOutageRunsAgainOnceTheDelayIsOverAndNotBefore() {
        StatefulSet live = live(OLD, 2, true);
        Job pre = job(live, MigrationStep.PRE, NEW, "failed");
        Instant failedAt = Instant.parse("2026-12-01T10:00:00Z");
        pre.getStatus().getConditions().add(new JobConditionBuilder().withType("Failed").withStatus("True")
                .withLastTransitionTime(failedAt.toString()).build());
        podSaid(pre, "rake aborted!\nActiveRecord::ConnectionNotEstablished: connection to server at \"10.0.0.9\", "
                + "port 5432 failed: Connection refused\n/srv/discourse/app/lib/tasks/db.rake:220\nTasks: TOP => db:migrate\n");

        MigrationPlan soon = MigrationPlanner.plan(instance, true, Optional.of(live), jobs, pods, failedAt.plusSeconds(5));
        assertThat(soon.delete()).isEmpty();
        assertThat(soon.start()).isEmpty();
        assertThat(soon.failure()).endsWith("failed while the database could not be reached");
        assertThat(soon.recheck()).isEqualTo(Duration.ofSeconds(10));
        assertThat(soon.workloadImage()).as("the old pods keep serving").isEqualTo(OLD);

        MigrationPlan later = MigrationPlanner.plan(instance, true, Optional.of(live), jobs, pods, failedAt.plusSeconds(15));
        assertThat(later.failed()).isFalse();
        assertThat(later.delete()).as("the same Job name is then started again").containsExactly(pre.getMetadata().getName());
        assertThat(later.message()).contains("could not be reached: retrying");
    }

    @Test
    void aRedisOutageIsRetriedTooButAMigrationsOwnErrorIsNot() {
        StatefulSet live = live(OLD, 2, true);
        Job pre = job(live, MigrationStep.PRE, NEW, "failed");
        podSaid(pre, "rake aborted!\nRedis::CannotConnectError: Error connecting to Redis on 10.0.0.8:6379 (Errno::ECONNREFUSED)\n");
        assertThat(plan(Optional.of(live)).delete()).containsExactly(pre.getMetadata().getName());

        pods.clear();
        podSaid(pre, "rake aborted!\nPG::UndefinedColumn: ERROR:  column \"x\" does not exist\n");
        MigrationPlan plan = plan(Optional.of(live));
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.failed()).isTrue();
        assertThat(plan.recheck()).isNull();
    }

    @Test
    void aFailedJobIsRetriedOnceTheSpecChanged() {
        StatefulSet live = live(OLD, 2, true);
        Job pre = job(live, MigrationStep.PRE, NEW, "failed");
        StatefulSet fixed = live(OLD, 2, true);
        fixed.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVarBuilder().withName("DISCOURSE_DB_PORT").withValue("6432").build());
        MigrationPlan plan = plan(Optional.of(fixed));
        assertThat(plan.failed()).isFalse();
        assertThat(plan.delete()).containsExactly(pre.getMetadata().getName());
    }

    @Test
    void withS3TheAssetsAreUploadedOncePerImageAndS3Setup() {
        instance.getSpec().getS3().setEnabled(true);
        instance.getSpec().getS3().setBucket("forum-assets");
        instance.getSpec().getS3().setRegion("eu-west-1");
        instance.getSpec().getS3().setAccessKeyIdSecretRef(new SecretKeyRef("s3", "id"));
        StatefulSet live = live(OLD, 2, true);
        job(live, MigrationStep.PRE, NEW, "succeeded");
        MigrationPlan plan = plan(Optional.of(live));
        assertThat(plan.start()).contains(MigrationStep.ASSETS);
        assertThat(plan.workloadImage()).isEqualTo(OLD);

        job(live, MigrationStep.ASSETS, NEW, "succeeded");
        assertThat(plan(Optional.of(live)).phase()).isEqualTo(InstancePhase.RollingOut);

        instance.getSpec().getS3().setBucket("other-bucket");
        assertThat(plan(Optional.of(live)).start()).as("a new bucket needs the assets again").contains(MigrationStep.ASSETS);
    }

    @Test
    void theVersionComesFromTheJobsTerminationMessage() {
        StatefulSet live = live(NEW, 2, true);
        Job pre = job(live, MigrationStep.PRE, NEW, "succeeded");
        podSaid(pre, "3.5.2\n");
        assertThat(plan(Optional.of(live)).discourseVersion()).isEqualTo("3.5.2");
        pods.clear();
        podSaid(pre, "rake aborted!");
        assertThat(plan(Optional.of(live)).discourseVersion()).as("only a version is taken as one").isNull();
    }

    /** The pod ends a moment before the Job controller counts it: that moment writes no status of its own. */
    @Test
    void aVersionIsTakenOnlyFromAJobThatSucceeded() {
        StatefulSet live = live(NEW, 0, false);
        Job pre = job(live, MigrationStep.PRE, NEW, "running");
        podSaid(pre, "3.5.2");
        MigrationPlan podEnded = plan(Optional.of(live));
        assertThat(podEnded.discourseVersion()).isNull();

        pre.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        assertThat(plan(Optional.of(live)).discourseVersion()).isEqualTo("3.5.2");
    }

    @Test
    void jobNamesAreStablePerImageAndFitALabel() {
        String a = MigrationJobs.name("forum", MigrationStep.PRE, NEW, Optional.empty());
        assertThat(MigrationJobs.name("forum", MigrationStep.PRE, NEW, Optional.empty())).isEqualTo(a);
        assertThat(MigrationJobs.name("forum", MigrationStep.PRE, OLD, Optional.empty())).isNotEqualTo(a);
        assertThat(MigrationJobs.name("forum", MigrationStep.POST, NEW, Optional.empty())).isNotEqualTo(a);
        assertThat(a).matches("forum-pre-[0-9a-f]{10}");
        assertThat(MigrationJobs.name("x".repeat(80), MigrationStep.ASSETS, NEW, Optional.empty())).hasSize(63);
    }
}
