package dev.operator.discourse.backup.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupScheduleStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.backup.BackupCaches;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.status.LockedStatusWriter;
import dev.operator.discourse.usertask.FailureReason;
import dev.operator.discourse.workload.JobCaches;
import dev.operator.discourse.workload.JobOutcome;
import dev.operator.discourse.workload.WorkloadJobs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Makes a schedule's DiscourseBackups, as the CronJob controller makes Jobs: it decides from the recorded last
 * scheduled time alone ({@link ScheduleDecision}), creates the backup under a name made from the scheduled time,
 * then records that time. An operator that restarts between the two asks for the same name again and takes the
 * 409 for the backup it made. Like a CronJob's Forbid, no backup is made while one of the schedule's own is
 * pending or running; its end (an event of the backups informer) brings the missed run, within the deadline.
 * Then it prunes: the archive of each succeeded backup beyond {@code keep} by a Job, then the object; failed
 * backups beyond {@code keepFailed} as objects. A backup is never owned by its schedule: deleting a schedule
 * deletes nothing else.
 */
@ControllerConfiguration(name = DiscourseBackupScheduleReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
// only listed when an archive would be pruned: a restore about to read it keeps it
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourserestores", verbs = "list")
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discoursebackups",
        verbs = { "get", "list", "watch", "create", "delete" })
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get" })
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = { "create", "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DiscourseBackupScheduleReconciler implements Reconciler<DiscourseBackupSchedule> {

    public static final String NAME = "discoursebackupschedule";
    private static final Logger LOG = Logger.getLogger(DiscourseBackupScheduleReconciler.class);
    private static final String BY_INSTANCE = "by-instance";
    /** Woken a little after the next time, so that the decision then finds it due rather than just ahead. */
    static final Duration AFTER_NEXT = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final LockedStatusWriter writer;
    private final EventRecorder events;
    private final SharedCaches caches;
    private final Clock clock = Clock.systemUTC();

    public DiscourseBackupScheduleReconciler(KubernetesClient client, LockedStatusWriter writer, EventRecorder events,
            SharedCaches caches) {
        this.client = client;
        this.writer = writer;
        this.events = events;
        this.caches = caches;
    }

    @Override
    public List<EventSource<?, DiscourseBackupSchedule>> prepareEventSources(
            EventSourceContext<DiscourseBackupSchedule> context) {
        context.getPrimaryCache().addIndexer(BY_INSTANCE, s -> s.getSpec() == null || s.getSpec().instanceName() == null
                ? List.of() : List.of(s.getMetadata().getNamespace() + "/" + s.getSpec().instanceName()));
        var instances = new SharedCacheEventSource<>("instance", RelationEventSources.INSTANCES, caches, context,
                (DiscourseInstance i) -> context.getPrimaryCache()
                        .byIndex(BY_INSTANCE, i.getMetadata().getNamespace() + "/" + i.getMetadata().getName()).stream()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()),
                (DiscourseBackupSchedule s) -> s.getSpec() == null || s.getSpec().instanceName() == null ? Set.of()
                        : Set.of(new ResourceID(s.getSpec().instanceName(), s.getMetadata().getNamespace())));
        // the backups, from the copy the instances share (an upgrade waits for its own): a backup's end is what a
        // Forbid wait and retention wait for; only the schedule's own, by their label, wake it
        var backups = new SharedCacheEventSource<>("backups", BackupCaches.BACKUPS, caches, context,
                (DiscourseBackup b) -> scheduleOf(b), (DiscourseBackupSchedule s) -> Set.of());
        // the prune Jobs and their pods, from the copy the user tasks and backups share
        var jobs = new SharedCacheEventSource<>("jobs", JobCaches.JOBS, caches, context,
                (Job j) -> scheduleOf(j), (DiscourseBackupSchedule s) -> Set.of());
        var pods = new SharedCacheEventSource<>("pods", JobCaches.PODS, caches, context,
                (Pod p) -> scheduleOf(p), (DiscourseBackupSchedule s) -> Set.of());
        return List.of(instances, backups, jobs, pods);
    }

    private static Set<ResourceID> scheduleOf(HasMetadata object) {
        String schedule = object.getMetadata().getLabels() == null ? null
                : object.getMetadata().getLabels().get(ScheduledBackups.LABEL_SCHEDULE);
        return schedule == null ? Set.of() : Set.of(new ResourceID(schedule, object.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<DiscourseBackupSchedule> reconcile(DiscourseBackupSchedule schedule,
            Context<DiscourseBackupSchedule> context) {
        ParsedSchedule parsed = ParsedSchedule.of(schedule);
        if (!parsed.valid()) {
            // nothing to retry until the spec changes, and the spec's change is an event
            say(schedule, null, null, null, ScheduleStatuses.INVALID, parsed.problem());
            return UpdateControl.noUpdate();
        }
        String ns = schedule.getMetadata().getNamespace();
        String instance = schedule.getSpec().instanceName();
        if (context.getSecondaryResource(DiscourseInstance.class).isEmpty()) {
            say(schedule, null, null, null, ScheduleStatuses.INSTANCE_NOT_FOUND,
                    "DiscourseInstance " + instance + " not found in " + ns + "; no backup is made until it is there");
            return UpdateControl.noUpdate();
        }
        List<DiscourseBackup> backups = backups(context).list(b -> ns.equals(b.getMetadata().getNamespace())
                && ScheduledBackups.of(schedule, b)).toList();
        Optional<String> pruneFailure = prune(schedule, backups, context);

        Instant now = clock.instant();
        var spec = schedule.getSpec();
        Instant last = Optional.ofNullable(schedule.getStatus()).map(DiscourseBackupScheduleStatus::getLastScheduleTime)
                .map(Instant::parse).orElse(null);
        ScheduleDecision decision = ScheduleDecision.decide(parsed.cron(), parsed.zone(),
                Instant.parse(schedule.getMetadata().getCreationTimestamp()), last, spec.isSuspend(),
                spec.getStartingDeadlineSeconds() == null ? null : Duration.ofSeconds(spec.getStartingDeadlineSeconds()),
                now);
        Instant ran = null;
        String made = null;
        String waiting = null;
        if (decision.runNow().isPresent()) {
            Instant due = decision.runNow().get();
            String name = ScheduledBackups.name(schedule.getMetadata().getName(), due);
            Optional<DiscourseBackup> active = backups.stream().filter(ScheduledBackups::active)
                    .filter(b -> !b.getMetadata().getName().equals(name)).findFirst();
            if (backups.stream().anyMatch(b -> b.getMetadata().getName().equals(name))) {
                ran = due; // made by an earlier reconcile whose status write did not happen
                made = name;
            } else if (active.isPresent()) {
                waiting = "Waiting for DiscourseBackup " + active.get().getMetadata().getName()
                        + " to end before the backup scheduled for " + due + ": one backup of a schedule at a time";
            } else {
                Optional<String> taken = create(schedule, due, decision.missed());
                if (taken.isPresent()) {
                    say(schedule, null, null, decision.next().orElse(null), ScheduleStatuses.NAME_TAKEN, taken.get());
                    // the other backup's deletion is no event here: look again at the next time, which then runs
                    return decision.next().map(t -> UpdateControl.<DiscourseBackupSchedule> noUpdate()
                            .rescheduleAfter(Duration.between(now, t).plus(AFTER_NEXT)))
                            .orElseGet(UpdateControl::noUpdate);
                }
                ran = due;
                made = name;
            }
        }
        Instant next = decision.next().orElse(null);
        String reason;
        String message;
        if (pruneFailure.isPresent()) {
            reason = ScheduleStatuses.PRUNE_FAILED;
            message = pruneFailure.get();
        } else if (spec.isSuspend()) {
            reason = ScheduleStatuses.SUSPENDED;
            message = "Suspended: no new backup until spec.suspend is false";
        } else {
            reason = ScheduleStatuses.SCHEDULED;
            message = waiting != null ? waiting
                    : next == null ? "The schedule names no time in the next five years" : "Next backup at " + next;
        }
        say(schedule, ran, made, next, reason, message);
        return next == null ? UpdateControl.noUpdate()
                : UpdateControl.<DiscourseBackupSchedule> noUpdate().rescheduleAfter(Duration.between(now, next).plus(AFTER_NEXT));
    }

    /** @return why the backup could not be made: its name is another's */
    private Optional<String> create(DiscourseBackupSchedule schedule, Instant due, int missed) {
        DiscourseBackup desired = ScheduledBackups.desired(schedule, due);
        String ns = schedule.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        try {
            client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // made before a crash, or before the informer saw it; a backup of that name that is not this
            // schedule's is not taken for its run
            DiscourseBackup existing = client.resources(DiscourseBackup.class).inNamespace(ns).withName(name).get();
            if (existing == null) {
                throw e; // a conflict with no backup behind it: try again
            }
            if (!ScheduledBackups.of(schedule, existing)) {
                return Optional.of("DiscourseBackup " + name + ", the name of the backup scheduled for " + due
                        + ", is taken by a backup this schedule did not make; rename or delete it");
            }
            return Optional.empty();
        }
        String text = "Made DiscourseBackup " + name + " for " + due
                + (missed > 0 ? "; " + (missed >= ScheduleDecision.MISSED_COUNT_LIMIT ? "at least " : "") + missed
                        + " earlier scheduled time(s) were missed and do not run" : "");
        LOG.infof("DiscourseBackupSchedule %s/%s: %s", ns, schedule.getMetadata().getName(), text);
        events.normal(schedule, "BackupCreated", text);
        return Optional.empty();
    }

    /**
     * Runs the retention plan one step further: starts a prune Job, deletes a backup whose archive's Job
     * succeeded, deletes a failed backup beyond the limit. A failed prune Job is reported and left as it is:
     * retrying it would delete nothing more, and deleting the Job tries again.
     *
     * @return what failed, for the condition
     */
    private Optional<String> prune(DiscourseBackupSchedule schedule, List<DiscourseBackup> backups,
            Context<DiscourseBackupSchedule> context) {
        String ns = schedule.getMetadata().getNamespace();
        RetentionPlan plan = RetentionPlan.of(schedule, backups);
        if (!plan.pruneArchives().isEmpty()) {
            // read only when an archive would go: a restore about to read one keeps it
            Set<String> inUse = client.resources(DiscourseRestore.class).inNamespace(ns).list().getItems().stream()
                    .filter(r -> r.getSpec() != null && r.getSpec().getBackupRef() != null)
                    .filter(r -> r.getStatus() == null || r.getStatus().getPhase() == null || !r.getStatus().getPhase().finished())
                    .map(r -> r.getSpec().getBackupRef().getName()).collect(Collectors.toSet());
            plan = RetentionPlan.of(schedule, backups, inUse);
        }
        for (DiscourseBackup gone : plan.deleteObjects()) {
            delete(schedule, gone, "Deleted DiscourseBackup " + gone.getMetadata().getName() + " ("
                    + gone.getStatus().getPhase() + "; nothing in the backup store): beyond what the schedule keeps");
        }
        List<String> failures = new ArrayList<>();
        for (DiscourseBackup old : plan.pruneArchives()) {
            String jobName = PruneJob.name(old);
            Optional<Job> job = JobCaches.jobs(context).get(new ResourceID(jobName, ns));
            if (job.isEmpty()) {
                StatefulSet live = client.apps().statefulSets().inNamespace(ns).withName(old.getSpec().instanceName()).get();
                if (live == null) {
                    continue; // the instance's workload comes back with the instance, whose event wakes this
                }
                if (WorkloadJobs.create(client, PruneJob.build(old, live))) {
                    String text = "Deleting archive " + old.getStatus().getArchive() + " of DiscourseBackup "
                            + old.getMetadata().getName() + " in Job " + jobName + ": beyond the newest "
                            + schedule.getSpec().getKeep() + " the schedule keeps";
                    LOG.infof("DiscourseBackupSchedule %s/%s: %s", ns, schedule.getMetadata().getName(), text);
                    events.normal(schedule, "Pruning", text);
                }
                continue;
            }
            JobOutcome outcome = JobOutcome.of(job.get());
            if (outcome == JobOutcome.SUCCEEDED) {
                delete(schedule, old, "Deleted archive " + old.getStatus().getArchive() + " and DiscourseBackup "
                        + old.getMetadata().getName() + ": beyond the newest " + schedule.getSpec().getKeep()
                        + " the schedule keeps");
            } else if (outcome == JobOutcome.FAILED) {
                String tail = JobOutcome.terminationMessage(jobName, JobCaches.podsOf(context, ns, jobName))
                        .map(m -> FailureReason.of(m, null)).orElse("no message");
                failures.add("Job " + jobName + " could not delete archive " + old.getStatus().getArchive()
                        + " of DiscourseBackup " + old.getMetadata().getName() + ": " + tail
                        + "; the backup stays, and deleting the Job tries again");
            }
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
    }

    private void delete(DiscourseBackupSchedule schedule, DiscourseBackup backup, String text) {
        // background: its Jobs (the backup's and the prune's) go after it, by their owner reference
        var deleted = client.resources(DiscourseBackup.class).inNamespace(backup.getMetadata().getNamespace())
                .withName(backup.getMetadata().getName()).delete();
        if (!deleted.isEmpty()) {
            LOG.infof("DiscourseBackupSchedule %s/%s: %s", schedule.getMetadata().getNamespace(),
                    schedule.getMetadata().getName(), text);
            events.normal(schedule, "Pruned", text);
        }
    }

    /** Writes the status when it changed, with an event and a log line when the condition says something new. */
    private void say(DiscourseBackupSchedule schedule, Instant ran, String made, Instant next, String reason,
            String message) {
        boolean ready = ScheduleStatuses.SCHEDULED.equals(reason) || ScheduleStatuses.SUSPENDED.equals(reason);
        boolean alreadySaid = schedule.getStatus() != null && Conditions.alreadySaid(schedule.getStatus().getConditions(),
                ScheduleStatuses.READY, ready, message);
        Optional<DiscourseBackupSchedule> written = writer.write(DiscourseBackupSchedule.class, schedule, fresh -> {
            DiscourseBackupScheduleStatus status = ScheduleStatuses.of(fresh, ran, made, next, reason, message, clock);
            return status.equals(fresh.getStatus()) ? null : status;
        });
        if (written.isPresent() && !alreadySaid && !ready) {
            LOG.warnf("DiscourseBackupSchedule %s/%s: %s", schedule.getMetadata().getNamespace(),
                    schedule.getMetadata().getName(), message);
            events.warning(written.get(), reason, message);
        }
    }

    @SuppressWarnings("unchecked")
    private static SharedCacheEventSource<DiscourseBackup, DiscourseBackupSchedule> backups(
            Context<DiscourseBackupSchedule> context) {
        return (SharedCacheEventSource<DiscourseBackup, DiscourseBackupSchedule>) context.eventSourceRetriever()
                .getEventSourceFor(DiscourseBackup.class);
    }
}
