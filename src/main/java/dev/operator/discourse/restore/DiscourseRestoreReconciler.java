package dev.operator.discourse.restore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreStatus;
import dev.operator.discourse.api.v1alpha1.RestorePhase;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.status.LockedStatusWriter;
import dev.operator.discourse.workload.JobCaches;
import dev.operator.discourse.workload.JobOutcome;
import dev.operator.discourse.workload.JobReading;
import dev.operator.discourse.workload.WorkloadContainer;
import dev.operator.discourse.workload.WorkloadJobs;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Restores an archive into a forum, one step after the other, each decided from the restore's status and its
 * Jobs, so that a restarted operator goes on where it was and runs no step twice: a Job checks the archive while
 * the forum serves; the forum goes to zero replicas (the instance reconciler holds it while this status says so)
 * and the restore waits until its pods are gone; Discourse's restore runs in a Job; then the image's migrations;
 * then the forum comes back. A failure reads what the database holds, says it, and keeps the forum down only when
 * that is no forum to start on.
 */
@ControllerConfiguration(name = DiscourseRestoreReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = { "discourseinstances", "discoursebackups", "databaserelations" },
        verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get" })
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = { "create", "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DiscourseRestoreReconciler implements Reconciler<DiscourseRestore>, Cleaner<DiscourseRestore> {

    public static final String NAME = "discourserestore";
    private static final Logger LOG = Logger.getLogger(DiscourseRestoreReconciler.class);
    /** A backup's or the StatefulSets' progress sends no event here; only those waits poll. */
    static final Duration RECHECK = Duration.ofSeconds(10);
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final LockedStatusWriter writer;
    private final EventRecorder events;
    private final SharedCaches caches;
    private final DatabaseStateProbe database;
    private final Clock clock = Clock.systemUTC();

    public DiscourseRestoreReconciler(KubernetesClient client, LockedStatusWriter writer, EventRecorder events,
            SharedCaches caches, DatabaseStateProbe database) {
        this.client = client;
        this.writer = writer;
        this.events = events;
        this.caches = caches;
        this.database = database;
    }

    @Override
    public List<EventSource<?, DiscourseRestore>> prepareEventSources(EventSourceContext<DiscourseRestore> context) {
        var instances = new SharedCacheEventSource<>("instance", RelationEventSources.INSTANCES, caches, context,
                (DiscourseInstance i) -> restoresOf(context.getPrimaryCache().list(), i.getMetadata().getNamespace(),
                        i.getMetadata().getName()),
                (DiscourseRestore r) -> r.getSpec() == null ? Set.of()
                        : Set.of(new ResourceID(r.getSpec().instanceName(), r.getMetadata().getNamespace())));
        // its own Jobs, the migrations and backups it waits for, and the forum's pods it waits to go and come back
        var jobs = new SharedCacheEventSource<>("jobs", JobCaches.JOBS, caches, context,
                (Job j) -> restoresOf(context.getPrimaryCache().list(), j.getMetadata().getNamespace(),
                        label(j, WorkloadJobs.LABEL_INSTANCE)),
                (DiscourseRestore r) -> Set.of());
        var pods = new SharedCacheEventSource<>("pods", JobCaches.PODS, caches, context,
                (Pod p) -> restoresOf(context.getPrimaryCache().list(), p.getMetadata().getNamespace(), instanceOf(p)),
                (DiscourseRestore r) -> Set.of());
        return List.of(instances, jobs, pods);
    }

    @Override
    public UpdateControl<DiscourseRestore> reconcile(DiscourseRestore restore, Context<DiscourseRestore> context) {
        RestorePhase phase = restore.getStatus() == null || restore.getStatus().getPhase() == null ? RestorePhase.PENDING
                : restore.getStatus().getPhase();
        return switch (phase) {
            case PENDING -> start(restore, context);
            case CHECKING, RESTORING, MIGRATING -> runStep(restore, RestoreStep.of(phase).orElseThrow(), context);
            case STOPPING -> stopping(restore, context);
            case STARTING -> starting(restore, context);
            case SUCCEEDED, FAILED -> UpdateControl.noUpdate();
        };
    }

    /**
     * A restore deleted while one of its Jobs runs goes once that Job has ended: deleting it at once would kill
     * Discourse's restore midway (the Job goes with its owner) and lift the hold onto a half-replaced database.
     */
    @Override
    public DeleteControl cleanup(DiscourseRestore restore, Context<DiscourseRestore> context) {
        RestorePhase phase = restore.getStatus() == null ? null : restore.getStatus().getPhase();
        Optional<RestoreStep> step = phase == null ? Optional.empty() : RestoreStep.of(phase);
        if (step.isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        String job = RestoreJobs.name(restore, step.get());
        // the cache may not have a Job made a moment ago: ask the API server before letting the restore go
        boolean running = JobCaches.jobs(context).get(new ResourceID(job, restore.getMetadata().getNamespace()))
                .or(() -> Optional.ofNullable(client.batch().v1().jobs().inNamespace(restore.getMetadata().getNamespace())
                        .withName(job).get()))
                .map(j -> JobOutcome.of(j) == JobOutcome.RUNNING).orElse(false);
        if (!running) {
            return DeleteControl.defaultDelete();
        }
        String message = "Deleted while Job " + job + " runs: the restore goes when that Job ends, so that "
                + "Discourse's restore is not killed midway";
        if (!message.equals(restore.getStatus().getMessage())) {
            write(restore, phase, null, message);
            say(restore, "DeletionDeferred", message);
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK);
    }

    private UpdateControl<DiscourseRestore> start(DiscourseRestore restore, Context<DiscourseRestore> context) {
        String ns = restore.getMetadata().getNamespace();
        String instance = restore.getSpec().instanceName();
        if (context.getSecondaryResource(DiscourseInstance.class).isEmpty()) {
            return pending(restore, "InstanceNotFound", "DiscourseInstance " + instance + " not found in " + ns, null);
        }
        Optional<DiscourseBackup> backup = restore.getSpec().getBackupRef() == null ? Optional.empty()
                : Optional.ofNullable(client.resources(DiscourseBackup.class).inNamespace(ns)
                        .withName(restore.getSpec().getBackupRef().getName()).get());
        RestoreTarget target = RestoreTarget.of(restore.getSpec(), backup);
        if (target instanceof RestoreTarget.NotYet notYet) {
            // a backup's progress sends no event here; a spec to fix does
            boolean polls = notYet.reason().equals("BackupNotDone") || notYet.reason().equals("BackupNotFound");
            return pending(restore, notYet.reason(), notYet.message(), polls ? RECHECK : null);
        }
        var archive = (RestoreTarget.Archive) target;
        Optional<String> busy = RestoreGate.waitFor(restore, context.getPrimaryCache().list().toList(),
                instanceJobs(context, ns, instance));
        if (busy.isPresent()) {
            // another restore's status writes send no event here: its end is looked for
            return pending(restore, "Waiting", busy.get(), RECHECK);
        }
        StatefulSet live = client.apps().statefulSets().inNamespace(ns).withName(WorkloadNames.statefulSet(instance)).get();
        if (live == null || !WorkloadContainer.hasRelationEnv(live)) {
            return pending(restore, "WorkloadNotReady", "Waiting for the StatefulSet of " + instance
                    + " with the database and Redis relations' settings", RECHECK);
        }
        String job = RestoreJobs.name(restore, RestoreStep.CHECK);
        String message = "Checking archive " + archive.archive() + " in Job " + job + "; the forum still serves";
        Optional<DiscourseRestore> claimed = writer.write(DiscourseRestore.class, restore, fresh -> pendingAt(fresh, restore)
                ? RestoreStatuses.step(fresh, RestorePhase.CHECKING, archive.archive(), archive.location(), job, message, clock)
                : null);
        if (claimed.isEmpty()) {
            return UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(CONFLICT_RETRY);
        }
        say(claimed.get(), "Checking", message);
        makeJob(claimed.get(), live, RestoreStep.CHECK);
        return UpdateControl.noUpdate();
    }

    private UpdateControl<DiscourseRestore> runStep(DiscourseRestore restore, RestoreStep step,
            Context<DiscourseRestore> context) {
        String ns = restore.getMetadata().getNamespace();
        String jobName = RestoreJobs.name(restore, step);
        JobReading seen = JobReading.of(context, ns, jobName);
        if (seen.missing()) {
            if (client.batch().v1().jobs().inNamespace(ns).withName(jobName).get() != null) {
                return UpdateControl.noUpdate(); // made a moment ago; its event is on the way
            }
            if (jobName.equals(restore.getStatus().getJobMade())) {
                // deleted by hand: the step may have half run, and a restore run twice drops what the first moved
                return fail(restore, step, "JobDeleted", "Job " + jobName + " was deleted before it ended");
            }
            StatefulSet live = client.apps().statefulSets().inNamespace(ns)
                    .withName(WorkloadNames.statefulSet(restore.getSpec().instanceName())).get();
            if (live == null) {
                return fail(restore, step, "InstanceGone", "StatefulSet " + restore.getSpec().instanceName()
                        + " went away before Job " + jobName + " could be made");
            }
            makeJob(restore, live, step);
            return UpdateControl.noUpdate();
        }
        if (!jobName.equals(restore.getStatus().getJobMade())) {
            markMade(restore, jobName);
        }
        if (seen.running()) {
            return UpdateControl.noUpdate();
        }
        Optional<String> message = seen.message();
        // the Job controller's word on success stands alone: its pods may be gone (collected while no operator ran)
        if (!seen.succeeded()) {
            if (seen.messageOnItsWay()) {
                return UpdateControl.noUpdate();
            }
            String tail = message.map(RestoreOutput::reason).orElse("no message");
            return fail(restore, step, failureReason(step), "Job " + jobName + " failed: " + tail);
        }
        String archive = restore.getStatus().getArchive();
        return switch (step) {
            case CHECK -> advance(restore, RestorePhase.STOPPING, null, "Archive " + archive
                    + " found; stopping web and Sidekiq before the restore");
            case RESTORE -> advance(restore, RestorePhase.MIGRATING, RestoreJobs.name(restore, RestoreStep.MIGRATE),
                    "Discourse restored " + archive + "; running the image's migrations in Job "
                            + RestoreJobs.name(restore, RestoreStep.MIGRATE));
            case MIGRATE -> advance(restore, RestorePhase.STARTING, null, message.map(m -> "Migrated to Discourse "
                    + m.strip()).orElse("Migrated") + "; starting the forum");
        };
    }

    private UpdateControl<DiscourseRestore> stopping(DiscourseRestore restore, Context<DiscourseRestore> context) {
        String ns = restore.getMetadata().getNamespace();
        String instance = restore.getSpec().instanceName();
        long running = JobCaches.pods(context).list(p -> ns.equals(p.getMetadata().getNamespace()) && instance.equals(instanceOf(p))
                && Set.of("web", "sidekiq").contains(label(p, WorkloadNames.LABEL_COMPONENT))).count();
        boolean scaledDown = atZero(ns, WorkloadNames.statefulSet(instance)) && atZero(ns, WorkloadNames.sidekiqStatefulSet(instance));
        if (running > 0 || !scaledDown) {
            String message = "Stopping web and Sidekiq: " + running + " pods left";
            return Objects.equals(message, restore.getStatus().getMessage())
                    ? UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(RECHECK)
                    : advanceQuietly(restore, RestorePhase.STOPPING, null, message, RECHECK);
        }
        Optional<String> busy = RestoreGate.runningJob(instanceJobs(context, ns, instance));
        if (busy.isPresent()) {
            String message = busy.get() + " before Discourse's restore starts; the forum is down";
            return Objects.equals(message, restore.getStatus().getMessage())
                    ? UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(RECHECK)
                    : advanceQuietly(restore, RestorePhase.STOPPING, null, message, RECHECK);
        }
        String job = RestoreJobs.name(restore, RestoreStep.RESTORE);
        return advance(restore, RestorePhase.RESTORING, job, "The forum is down; Discourse restores "
                + restore.getStatus().getArchive() + " in Job " + job);
    }

    /**
     * The spec's replicas, not the StatefulSet's, say whether to wait: right after the hold is lifted the StatefulSet
     * still asks for none until the instance reconciler has run.
     */
    private UpdateControl<DiscourseRestore> starting(DiscourseRestore restore, Context<DiscourseRestore> context) {
        String ns = restore.getMetadata().getNamespace();
        boolean wantsPods = context.getSecondaryResource(DiscourseInstance.class)
                .map(i -> i.getSpec().getReplicas() > 0).orElse(false);
        StatefulSet web = client.apps().statefulSets().inNamespace(ns)
                .withName(WorkloadNames.statefulSet(restore.getSpec().instanceName())).get();
        boolean ready = web != null && web.getStatus() != null && web.getStatus().getReadyReplicas() != null
                && web.getStatus().getReadyReplicas() > 0;
        if (wantsPods && !ready) {
            return UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(RECHECK);
        }
        String message = "Restored " + restore.getStatus().getArchive() + (ready ? "; the forum serves again"
                : "; the instance asks for no replicas");
        return finish(restore, RestoreStatuses.succeeded(restore, message, clock));
    }

    /**
     * After the check, nothing was touched. After Discourse's restore or the migrations, the database is read to
     * say what it holds; the forum comes back only onto a Discourse schema.
     */
    private UpdateControl<DiscourseRestore> fail(DiscourseRestore restore, RestoreStep step, String reason, String why) {
        if (step == RestoreStep.CHECK) {
            return finish(restore, RestoreStatuses.failed(restore, reason, why
                    + "; the forum was not touched and serves as before", null, false, clock));
        }
        var lookup = InstanceDatabase.find(client, restore.getMetadata().getNamespace(), restore.getSpec().instanceName());
        DatabaseState state = lookup.connection() == null ? DatabaseState.unread(lookup.problem())
                : database.read(lookup.connection());
        boolean holds = step == RestoreStep.MIGRATE || !state.rolledBack();
        String next = holds
                ? "The forum stays at zero replicas while this DiscourseRestore exists: a new DiscourseRestore may run "
                        + "meanwhile (delete this one once the new one holds the forum); deleting this one alone starts the "
                        + "forum on the database as it is"
                : "The forum starts again on that database; create a new DiscourseRestore to try again";
        String message = why + ". The database: " + state.description() + ". " + next;
        return finish(restore, RestoreStatuses.failed(restore, reason, message, state.description(), holds, clock));
    }

    private static String failureReason(RestoreStep step) {
        return switch (step) {
            case CHECK -> "ArchiveCheckFailed";
            case RESTORE -> "RestoreFailed";
            case MIGRATE -> "MigrationFailed";
        };
    }

    /**
     * The next step's Job is made right after the write that names it: a status write alone sends this reconciler
     * no event. A restart between the two makes it on the next reconcile (runStep finds none).
     */
    private UpdateControl<DiscourseRestore> advance(DiscourseRestore restore, RestorePhase next, String job, String message) {
        Optional<DiscourseRestore> written = write(restore, next, job, message);
        if (written.isEmpty()) {
            return UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(CONFLICT_RETRY);
        }
        say(written.get(), next.name().charAt(0) + next.name().substring(1).toLowerCase(), message);
        Optional<RestoreStep> step = RestoreStep.of(next);
        if (step.isPresent()) {
            DiscourseRestore r = written.get();
            StatefulSet live = client.apps().statefulSets().inNamespace(r.getMetadata().getNamespace())
                    .withName(WorkloadNames.statefulSet(r.getSpec().instanceName())).get();
            if (live != null) {
                makeJob(r, live, step.get());
            }
        }
        // the instance reconciler scales the forum on this status; its pods' going and coming wake this one
        return next == RestorePhase.STOPPING || next == RestorePhase.STARTING
                ? UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(RECHECK) : UpdateControl.noUpdate();
    }

    private UpdateControl<DiscourseRestore> advanceQuietly(DiscourseRestore restore, RestorePhase next, String job,
            String message, Duration recheck) {
        write(restore, next, job, message);
        return UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(recheck);
    }

    /** Moves on only from the phase this reconcile saw: a second reconcile of the same moment writes nothing. */
    private Optional<DiscourseRestore> write(DiscourseRestore restore, RestorePhase next, String job, String message) {
        RestorePhase seen = restore.getStatus().getPhase();
        return writer.write(DiscourseRestore.class, restore, fresh -> fresh.getStatus() != null
                && fresh.getStatus().getPhase() == seen
                        ? RestoreStatuses.step(fresh, next, fresh.getStatus().getArchive(), fresh.getStatus().getLocation(),
                                job == null ? fresh.getStatus().getJob() : job, message, clock)
                        : null);
    }

    /** Makes the step's Job and says so in the status; a Job that was there already is marked when next seen. */
    private void makeJob(DiscourseRestore restore, StatefulSet live, RestoreStep step) {
        Job job = RestoreJobs.build(restore, live, step, restore.getStatus().getArchive(), restore.getStatus().getLocation());
        if (WorkloadJobs.create(client, job)) {
            markMade(restore, job.getMetadata().getName());
        }
    }

    private void markMade(DiscourseRestore restore, String job) {
        RestorePhase seen = restore.getStatus().getPhase();
        writer.write(DiscourseRestore.class, restore, fresh -> fresh.getStatus() != null
                && fresh.getStatus().getPhase() == seen ? RestoreStatuses.made(fresh, job) : null);
    }

    private UpdateControl<DiscourseRestore> finish(DiscourseRestore restore, DiscourseRestoreStatus status) {
        RestorePhase seen = restore.getStatus().getPhase();
        Optional<DiscourseRestore> written = writer.write(DiscourseRestore.class, restore,
                fresh -> fresh.getStatus() != null && fresh.getStatus().getPhase() == seen ? status : null);
        written.ifPresent(r -> {
            String name = r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
            if (status.getPhase() == RestorePhase.SUCCEEDED) {
                LOG.infof("DiscourseRestore %s succeeded: %s", name, status.getMessage());
                events.normal(r, "Succeeded", status.getMessage());
            } else {
                LOG.warnf("DiscourseRestore %s failed: %s", name, status.getMessage());
                events.warning(r, Conditions.find(status.getConditions(), RestoreStatuses.FAILED).map(c -> c.getReason())
                        .orElse("RestoreFailed"), status.getMessage());
            }
        });
        return UpdateControl.noUpdate();
    }

    private UpdateControl<DiscourseRestore> pending(DiscourseRestore restore, String reason, String message, Duration recheck) {
        UpdateControl<DiscourseRestore> next = recheck == null ? UpdateControl.noUpdate()
                : UpdateControl.<DiscourseRestore> noUpdate().rescheduleAfter(recheck);
        if (RestoreStatuses.pending(restore, reason, message, clock).equals(restore.getStatus())) {
            return next;
        }
        boolean alreadySaid = restore.getStatus() != null
                && Conditions.alreadySaid(restore.getStatus().getConditions(), RestoreStatuses.COMPLETE, false, message);
        Optional<DiscourseRestore> written = writer.write(DiscourseRestore.class, restore, fresh -> {
            if (!pendingAt(fresh, fresh)) {
                return null;
            }
            DiscourseRestoreStatus status = RestoreStatuses.pending(fresh, reason, message, clock);
            return status.equals(fresh.getStatus()) ? null : status;
        });
        if (written.isPresent() && !alreadySaid) {
            say(written.get(), reason, message);
        }
        return next;
    }

    private void say(DiscourseRestore restore, String reason, String message) {
        LOG.infof("DiscourseRestore %s/%s: %s", restore.getMetadata().getNamespace(), restore.getMetadata().getName(),
                message);
        events.normal(restore, reason, message);
    }

    private static boolean pendingAt(DiscourseRestore fresh, DiscourseRestore seen) {
        boolean pending = fresh.getStatus() == null || fresh.getStatus().getPhase() == null
                || fresh.getStatus().getPhase() == RestorePhase.PENDING;
        return pending && Objects.equals(fresh.getMetadata().getGeneration(), seen.getMetadata().getGeneration());
    }

    private boolean atZero(String ns, String name) {
        StatefulSet sts = client.apps().statefulSets().inNamespace(ns).withName(name).get();
        return sts == null || (sts.getSpec().getReplicas() != null && sts.getSpec().getReplicas() == 0);
    }

    private static List<Job> instanceJobs(Context<DiscourseRestore> context, String ns, String instance) {
        return JobCaches.jobs(context).list(j -> ns.equals(j.getMetadata().getNamespace())
                && instance.equals(label(j, WorkloadJobs.LABEL_INSTANCE))).toList();
    }

    private static Set<ResourceID> restoresOf(java.util.stream.Stream<DiscourseRestore> all, String ns, String instance) {
        if (instance == null) {
            return Set.of();
        }
        return all.filter(r -> ns.equals(r.getMetadata().getNamespace()) && r.getSpec() != null
                && instance.equals(r.getSpec().instanceName())).map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** A forum pod names its instance in the app label, a Job's pod in the operator's own. */
    private static String instanceOf(Pod pod) {
        String job = label(pod, WorkloadJobs.LABEL_INSTANCE);
        return job != null ? job : label(pod, WorkloadNames.LABEL_INSTANCE);
    }

    private static String label(io.fabric8.kubernetes.api.model.HasMetadata o, String key) {
        return o.getMetadata().getLabels() == null ? null : o.getMetadata().getLabels().get(key);
    }
}
