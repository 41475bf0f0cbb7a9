package dev.operator.discourse.instance.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.MigrationStatus;
import dev.operator.discourse.instance.Rollout;
import dev.operator.discourse.workload.JobOutcome;
import dev.operator.discourse.workload.WorkloadContainer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Decides, from what the cluster shows (the live StatefulSet, the instance's migration Jobs and their pods),
 * where an upgrade stands and what comes next. It keeps no memory of its own: an operator restarted in any
 * phase reaches the same decision from the same objects.
 *
 * <p>The order: pre-deployment migrations (and the S3 asset upload) while the old image keeps serving; then the
 * new image rolls out; then the post-deployment migrations. One Job at a time. A first install stays at zero
 * replicas until its schema exists.
 */
public final class MigrationPlanner {

    /**
     * A Job that failed because a server could not be reached is run again, once the relations are ready again,
     * but no sooner than this after its failure: a Job that keeps failing so (the pods cannot reach a server the
     * operator can) makes a Job every so often, not a loop.
     */
    public static final Duration OUTAGE_RETRY_DELAY = Duration.ofSeconds(15);
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+[0-9A-Za-z.+-]*");

    private MigrationPlanner() {
    }

    public static MigrationPlan plan(DiscourseInstance instance, boolean relationsReady, Optional<StatefulSet> live,
            List<Job> jobs, List<Pod> pods) {
        return plan(instance, relationsReady, live, jobs, pods, Instant.now());
    }

    public static MigrationPlan plan(DiscourseInstance instance, boolean relationsReady, Optional<StatefulSet> live,
            List<Job> jobs, List<Pod> pods, Instant now) {
        return plan(instance, relationsReady, live, Optional.empty(), jobs, pods, now);
    }

    public static MigrationPlan plan(DiscourseInstance instance, boolean relationsReady, Optional<StatefulSet> live,
            Optional<StatefulSet> sidekiq, List<Job> jobs, List<Pod> pods, Instant now) {
        return plan(instance, relationsReady, live, sidekiq, jobs, pods, List.of(), now);
    }

    /**
     * sidekiq: the separate Sidekiq workload, whose rollout the post-deployment migrations wait for as web's;
     * backups: the instance's DiscourseBackups, since no migration starts beside a running one and an upgrade
     * with spec.upgrade.backupFirst waits for its own.
     */
    public static MigrationPlan plan(DiscourseInstance instance, boolean relationsReady, Optional<StatefulSet> live,
            Optional<StatefulSet> sidekiq, List<Job> jobs, List<Pod> pods, List<DiscourseBackup> backups, Instant now) {
        String name = instance.getMetadata().getName();
        String target = instance.getSpec().getImage();
        Optional<String> s3 = MigrationJobs.s3Fingerprint(instance.getSpec());
        String liveImage = live.flatMap(WorkloadContainer::of).map(Container::getImage).orElse(null);
        Map<String, Job> byName = jobs.stream().collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j, (a, b) -> a));
        Function<MigrationStep, String> jobName = step -> MigrationJobs.name(name, step, target,
                step == MigrationStep.ASSETS ? s3 : Optional.empty());
        Function<MigrationStep, Optional<Job>> job = step -> Optional.ofNullable(byName.get(jobName.apply(step)));
        Function<MigrationStep, Boolean> succeeded = step -> job.apply(step).map(j -> JobOutcome.of(j) == JobOutcome.SUCCEEDED)
                .orElse(false);

        // Only a Job that succeeded speaks for the image: its pod's message alone, seen a moment before the
        // Job controller counts it, would write the status once more within the same phase.
        Function<MigrationStep, Optional<String>> versionSaid = step -> succeeded.apply(step)
                ? versionOf(jobName.apply(step), pods) : Optional.empty();
        String version = versionSaid.apply(MigrationStep.POST).or(() -> versionSaid.apply(MigrationStep.PRE))
                .orElse(null);
        var context = new StepContext(instance, live, jobs, pods, s3, target, version, now, jobName,
                PreUpgradeBackup.running(backups));

        if (!relationsReady) {
            return MigrationPlan.pending(liveImage != null ? liveImage : target,
                    "Migrations wait for the database and Redis relations");
        }
        boolean preDone = succeeded.apply(MigrationStep.PRE) && (s3.isEmpty() || succeeded.apply(MigrationStep.ASSETS));
        if (!preDone) {
            // Until the schema is there, a first install runs no pods; an upgrade keeps its old pods serving.
            boolean neverServed = live.isEmpty() || live.get().getSpec().getReplicas() == null
                    || live.get().getSpec().getReplicas() == 0;
            MigrationStep step = succeeded.apply(MigrationStep.PRE) ? MigrationStep.ASSETS : MigrationStep.PRE;
            // an upgrade, not a first install, that has not started its migrations yet
            boolean upgrade = !neverServed && liveImage != null && !liveImage.equals(target);
            if (instance.getSpec().getUpgrade().isBackupFirst() && upgrade && job.apply(MigrationStep.PRE).isEmpty()) {
                Optional<MigrationPlan> gate = PreUpgradeBackup.gate(instance, target, liveImage, backups, version);
                if (gate.isPresent()) {
                    return gate.get();
                }
            }
            return context.run(step, job.apply(step), InstancePhase.Migrating, liveImage != null ? liveImage : target,
                    neverServed);
        }
        int wanted = instance.getSpec().getReplicas();
        if (!target.equals(liveImage) || !Rollout.complete(live.get(), wanted) || !sidekiqRolledOut(instance, sidekiq, target)) {
            return new MigrationPlan(InstancePhase.RollingOut, target, false, Optional.empty(), List.of(), null, null,
                    version, "Rolling out " + target);
        }
        if (!succeeded.apply(MigrationStep.POST)) {
            return context.run(MigrationStep.POST, job.apply(MigrationStep.POST), InstancePhase.PostMigrating, target, false);
        }
        Set<String> current = Set.of(jobName.apply(MigrationStep.PRE), jobName.apply(MigrationStep.ASSETS),
                jobName.apply(MigrationStep.POST));
        List<String> stale = jobs.stream().filter(j -> JobOutcome.of(j) != JobOutcome.RUNNING)
                .map(j -> j.getMetadata().getName()).filter(n -> !current.contains(n)).sorted().toList();
        return new MigrationPlan(InstancePhase.Ready, target, false, Optional.empty(), stale, null, null, version,
                target + " is rolled out and migrated");
    }

    /**
     * Old Sidekiq code must not meet a schema the post-deployment migrations changed: in Separate mode they also
     * wait until every Sidekiq pod runs the target image.
     */
    static boolean sidekiqRolledOut(DiscourseInstance instance, Optional<StatefulSet> sidekiq, String target) {
        if (!instance.getSpec().getSidekiq().separate()) {
            return true;
        }
        return sidekiq.isPresent()
                && target.equals(WorkloadContainer.of(sidekiq.get()).map(Container::getImage).orElse(null))
                && Rollout.complete(sidekiq.get(), instance.getSpec().getSidekiq().getReplicas());
    }

    private record StepContext(DiscourseInstance instance, Optional<StatefulSet> live, List<Job> jobs, List<Pod> pods,
            Optional<String> s3, String target, String version, Instant now, Function<MigrationStep, String> jobName,
            Optional<String> runningBackup) {

        MigrationPlan run(MigrationStep step, Optional<Job> existing, InstancePhase phase, String image, boolean hold) {
            if (existing.isEmpty()) {
                Optional<Job> other = jobs.stream().filter(j -> JobOutcome.of(j) == JobOutcome.RUNNING).findFirst();
                if (other.isPresent()) {
                    String busy = other.get().getMetadata().getName();
                    return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(),
                            new MigrationStatus(busy, "Running", null), null, version,
                            "Waiting for Job " + busy + " to finish before " + describe(step));
                }
                if (runningBackup.isPresent()) {
                    // Discourse's backup reads the schema while it dumps it; a migration waits for its end
                    return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(), null, null, version,
                            "Waiting for DiscourseBackup " + runningBackup.get() + " to end before " + describe(step));
                }
                if (live.isEmpty() || !WorkloadContainer.hasRelationEnv(live.get())) {
                    return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(), null, null, version,
                            "Waiting for the relations' settings on the StatefulSet before " + describe(step));
                }
                return running(step, jobName.apply(step), phase, image, hold, Optional.of(step));
            }
            Job job = existing.get();
            String jobName = job.getMetadata().getName();
            switch (JobOutcome.of(job)) {
                case FAILED -> {
                    boolean specChanged = live.isPresent() && !Objects.equals(MigrationJobs.specDigest(job),
                            MigrationJobs.specDigest(MigrationJobs.build(instance, live.get(), step, target,
                                    step == MigrationStep.ASSETS ? s3 : Optional.empty())));
                    if (specChanged) {
                        return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(jobName), null, null,
                                version, "The spec changed since Job " + jobName + " failed: retrying");
                    }
                    String tail = JobOutcome.terminationMessage(jobName, pods).orElse(null);
                    Optional<String> outage = MigrationOutage.of(tail);
                    if (outage.isPresent()) {
                        Duration since = JobOutcome.failedAt(job).map(t -> Duration.between(t, now))
                                .orElse(OUTAGE_RETRY_DELAY);
                        if (since.compareTo(OUTAGE_RETRY_DELAY) >= 0) {
                            return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(jobName), null, null,
                                    version, "Job " + jobName + " failed while " + outage.get()
                                            + " could not be reached: retrying");
                        }
                        String failure = "Job " + jobName + " (" + describe(step) + ") failed while " + outage.get()
                                + " could not be reached";
                        return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(),
                                new MigrationStatus(jobName, "Failed", tail), failure, version,
                                failure + ": retrying " + OUTAGE_RETRY_DELAY.toSeconds()
                                        + " s after the failure; the running pods keep serving", OUTAGE_RETRY_DELAY.minus(since));
                    }
                    String failure = "Job " + jobName + " (" + describe(step) + ") failed"
                            + (tail == null ? "" : ": " + lastLine(tail));
                    return new MigrationPlan(phase, image, hold, Optional.empty(), List.of(),
                            new MigrationStatus(jobName, "Failed", tail), failure, version,
                            failure + ". Fix the spec or delete the Job to retry; the running pods keep serving");
                }
                default -> {
                    return running(step, jobName, phase, image, hold, Optional.empty());
                }
            }
        }

        /**
         * A Job this reconcile starts reads as the same running Job the next reconcile finds in the cache: its
         * appearance there changes nothing, and writes no status.
         */
        private MigrationPlan running(MigrationStep step, String job, InstancePhase phase, String image, boolean hold,
                Optional<MigrationStep> start) {
            return new MigrationPlan(phase, image, hold, start, List.of(), new MigrationStatus(job, "Running", null),
                    null, version, "Executing migrations: " + describe(step) + " (Job " + job + ")");
        }
    }

    static String describe(MigrationStep step) {
        return switch (step) {
            case PRE -> "pre-deployment migrations";
            case ASSETS -> "uploading assets to S3";
            case POST -> "post-deployment migrations";
        };
    }

    private static String lastLine(String tail) {
        List<String> lines = new ArrayList<>(tail.lines().filter(l -> !l.isBlank()).toList());
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }

    private static Optional<String> versionOf(String jobName, List<Pod> pods) {
        return JobOutcome.terminationMessage(jobName, pods).map(String::strip).filter(v -> VERSION.matcher(v).matches());
    }


}
