package dev.operator.discourse.backup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.status.LockedStatusWriter;
import dev.operator.discourse.status.WakeEventSource;
import dev.operator.discourse.usertask.FailureReason;
import dev.operator.discourse.workload.JobCaches;
import dev.operator.discourse.workload.JobReading;
import dev.operator.discourse.workload.WorkloadJobs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Takes each DiscourseBackup once, as a Job. It waits (Pending, with the reason) until no other backup or migration
 * of the instance runs and a web pod is ready; claims the backup by a locked status write to Running naming the
 * Job, whose name comes from the backup's uid; then makes the Job. An operator that restarts at any point finds
 * the run by that name: it makes the Job if the claim got no further, or reads its end. Deleting a backup deletes
 * its Job, never its archive.
 */
@ControllerConfiguration(name = DiscourseBackupReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get" })
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = { "create", "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DiscourseBackupReconciler implements Reconciler<DiscourseBackup> {

    public static final String NAME = "discoursebackup";
    private static final Logger LOG = Logger.getLogger(DiscourseBackupReconciler.class);
    private static final String BY_INSTANCE = "by-instance";
    /** The StatefulSet's readiness sends no event here; only that wait polls. */
    static final Duration READINESS_RECHECK = Duration.ofSeconds(30);
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(5);
    static final Duration WAIT_RECHECK = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final LockedStatusWriter writer;
    private final EventRecorder events;
    private final SharedCaches caches;
    private final Clock clock = Clock.systemUTC();
    private volatile WakeEventSource<DiscourseBackup> siblings;

    public DiscourseBackupReconciler(KubernetesClient client, LockedStatusWriter writer, EventRecorder events,
            SharedCaches caches) {
        this.client = client;
        this.writer = writer;
        this.events = events;
        this.caches = caches;
    }

    @Override
    public List<EventSource<?, DiscourseBackup>> prepareEventSources(EventSourceContext<DiscourseBackup> context) {
        context.getPrimaryCache().addIndexer(BY_INSTANCE, b -> instanceName(b) == null ? List.of()
                : List.of(b.getMetadata().getNamespace() + "/" + instanceName(b)));
        var instances = new SharedCacheEventSource<>("instance", RelationEventSources.INSTANCES, caches, context,
                (DiscourseInstance i) -> backups(context, i.getMetadata().getNamespace(), i.getMetadata().getName()),
                (DiscourseBackup b) -> instanceName(b) == null ? Set.of()
                        : Set.of(new ResourceID(instanceName(b), b.getMetadata().getNamespace())));
        // a backup's own Job, and the migrations and other backups it waits for: every one wakes the instance's
        // backups; one copy of the Jobs and pods with the user tasks
        var jobs = new SharedCacheEventSource<>("jobs", JobCaches.JOBS, caches, context,
                (Job j) -> j.getMetadata().getLabels() == null ? Set.of()
                        : backups(context, j.getMetadata().getNamespace(), j.getMetadata().getLabels().get(WorkloadJobs.LABEL_INSTANCE)),
                (DiscourseBackup b) -> Set.of(new ResourceID(BackupJob.name(b), b.getMetadata().getNamespace())));
        var pods = new SharedCacheEventSource<>("pods", JobCaches.PODS, caches, context,
                (Pod p) -> p.getMetadata().getLabels() == null || p.getMetadata().getLabels().get(BackupJob.LABEL_BACKUP) == null
                        ? Set.of()
                        : Set.of(new ResourceID(p.getMetadata().getLabels().get(BackupJob.LABEL_BACKUP), p.getMetadata().getNamespace())),
                (DiscourseBackup b) -> Set.of());
        siblings = new WakeEventSource<>(DiscourseBackup.class, "siblings");
        return List.of(instances, jobs, pods, siblings);
    }

    @Override
    public UpdateControl<DiscourseBackup> reconcile(DiscourseBackup backup, Context<DiscourseBackup> context) {
        BackupPhase phase = backup.getStatus() == null ? null : backup.getStatus().getPhase();
        if (phase == BackupPhase.RUNNING) {
            return running(backup, context);
        }
        if (phase != null && phase.finished()) {
            return UpdateControl.noUpdate();
        }
        String ns = backup.getMetadata().getNamespace();
        String instance = backup.getSpec().instanceName();
        if (context.getSecondaryResource(DiscourseInstance.class).isEmpty()) {
            return pending(backup, "InstanceNotFound", "DiscourseInstance " + instance + " not found in " + ns, null);
        }
        List<DiscourseBackup> siblings = context.getPrimaryCache().byIndex(BY_INSTANCE, ns + "/" + instance);
        Optional<StatefulSet> live = Optional.ofNullable(client.apps().statefulSets().inNamespace(ns).withName(instance).get());
        Optional<String> wait = BackupGate.waitFor(backup, siblings, instanceJobs(context, ns, instance), live);
        if (wait.isPresent()) {
            boolean unready = wait.get().startsWith("Waiting for a ready pod");
            // finish() wakes the siblings of a backup that ends, but that wake can reach one before the primary cache
            // holds the end, and a status write sends no event of its own: a waiting backup also looks again
            return pending(backup, unready ? "NoReadyPod" : "Waiting", wait.get(), unready ? READINESS_RECHECK : WAIT_RECHECK);
        }
        String job = BackupJob.name(backup);
        Optional<DiscourseBackup> claimed = writer.write(DiscourseBackup.class, backup, fresh -> pendingAt(fresh, backup)
                ? BackupStatuses.running(fresh, job, clock) : null);
        if (claimed.isEmpty()) {
            return UpdateControl.<DiscourseBackup> noUpdate().rescheduleAfter(CONFLICT_RETRY);
        }
        LOG.infof("DiscourseBackup %s/%s: backing up %s in Job %s", ns, backup.getMetadata().getName(), instance, job);
        events.normal(claimed.get(), "Started", "Backing up " + instance + " in Job " + job);
        return createJob(claimed.get(), live.get());
    }

    private UpdateControl<DiscourseBackup> running(DiscourseBackup backup, Context<DiscourseBackup> context) {
        String jobName = BackupJob.name(backup);
        String ns = backup.getMetadata().getNamespace();
        JobReading seen = JobReading.of(context, ns, jobName);
        if (seen.missing()) {
            StatefulSet live = client.apps().statefulSets().inNamespace(backup.getMetadata().getNamespace())
                    .withName(backup.getSpec().instanceName()).get();
            if (live == null) {
                return finish(backup, BackupStatuses.failed(backup, "InstanceGone", "StatefulSet "
                        + backup.getSpec().instanceName() + " went away before the backup's Job could be made; nothing ran",
                        clock), context);
            }
            return createJob(backup, live);
        }
        if (seen.running()) {
            return UpdateControl.noUpdate();
        }
        Optional<String> message = seen.message();
        Optional<BackupReport> report = message.flatMap(BackupReport::parse);
        if (seen.succeeded() && report.isPresent()) {
            return finish(backup, BackupStatuses.succeeded(backup, report.get(), clock), context);
        }
        if (seen.messageOnItsWay()) {
            return UpdateControl.noUpdate();
        }
        String tail = message.map(m -> FailureReason.of(m, null)).orElse("no message");
        String why = seen.succeeded() ? "Job " + jobName + " ended without reporting its archive: " + tail
                : "Job " + jobName + " failed: " + tail;
        return finish(backup, BackupStatuses.failed(backup, "BackupFailed", why
                + "; the forum was not touched, its log says more, and a new DiscourseBackup tries again", clock), context);
    }

    private UpdateControl<DiscourseBackup> createJob(DiscourseBackup backup, StatefulSet live) {
        WorkloadJobs.create(client, BackupJob.build(backup, live));
        return UpdateControl.noUpdate();
    }

    private UpdateControl<DiscourseBackup> finish(DiscourseBackup backup, DiscourseBackupStatus status,
            Context<DiscourseBackup> context) {
        String job = backup.getStatus().getJob();
        Optional<DiscourseBackup> written = writer.write(DiscourseBackup.class, backup, fresh -> fresh.getStatus() != null
                && fresh.getStatus().getPhase() == BackupPhase.RUNNING && Objects.equals(job, fresh.getStatus().getJob())
                        ? status : null);
        written.ifPresent(b -> {
            // the next backup of the forum waits for this one's end, which only this write says
            backups(context, b.getMetadata().getNamespace(), b.getSpec().instanceName()).forEach(siblings::wake);
            String name = b.getMetadata().getNamespace() + "/" + b.getMetadata().getName();
            if (status.getPhase() == BackupPhase.SUCCEEDED) {
                LOG.infof("DiscourseBackup %s succeeded: %s", name, status.getMessage());
                events.normal(b, "Succeeded", status.getMessage());
            } else {
                LOG.warnf("DiscourseBackup %s failed: %s", name, status.getMessage());
                events.warning(b, Conditions.find(status.getConditions(), BackupStatuses.FAILED)
                        .map(c -> c.getReason()).orElse("BackupFailed"), status.getMessage());
            }
        });
        return UpdateControl.noUpdate();
    }

    private UpdateControl<DiscourseBackup> pending(DiscourseBackup backup, String reason, String message, Duration recheck) {
        UpdateControl<DiscourseBackup> next = recheck == null ? UpdateControl.noUpdate()
                : UpdateControl.<DiscourseBackup> noUpdate().rescheduleAfter(recheck);
        if (BackupStatuses.pending(backup, reason, message, clock).equals(backup.getStatus())) {
            return next;
        }
        boolean alreadySaid = backup.getStatus() != null
                && Conditions.alreadySaid(backup.getStatus().getConditions(), BackupStatuses.COMPLETE, false, message);
        Optional<DiscourseBackup> written = writer.write(DiscourseBackup.class, backup, fresh -> {
            if (!pendingAt(fresh, fresh)) {
                return null;
            }
            DiscourseBackupStatus status = BackupStatuses.pending(fresh, reason, message, clock);
            return status.equals(fresh.getStatus()) ? null : status;
        });
        if (written.isPresent() && !alreadySaid) {
            LOG.infof("DiscourseBackup %s/%s pending: %s", backup.getMetadata().getNamespace(),
                    backup.getMetadata().getName(), message);
            events.normal(written.get(), reason, message);
        }
        return next;
    }

    /** Pending (or new) at the generation the caller decided on. */
    private static boolean pendingAt(DiscourseBackup fresh, DiscourseBackup seen) {
        boolean pending = fresh.getStatus() == null || fresh.getStatus().getPhase() == null
                || fresh.getStatus().getPhase() == BackupPhase.PENDING;
        return pending && Objects.equals(fresh.getMetadata().getGeneration(), seen.getMetadata().getGeneration());
    }

    private static List<Job> instanceJobs(Context<DiscourseBackup> context, String ns, String instance) {
        return JobCaches.jobs(context).list(j -> ns.equals(j.getMetadata().getNamespace()) && j.getMetadata().getLabels() != null
                && instance.equals(j.getMetadata().getLabels().get(WorkloadJobs.LABEL_INSTANCE))).toList();
    }

    private static Set<ResourceID> backups(EventSourceContext<DiscourseBackup> context, String ns, String instance) {
        return backups(context.getPrimaryCache(), ns, instance);
    }

    private static Set<ResourceID> backups(Context<DiscourseBackup> context, String ns, String instance) {
        return backups(context.getPrimaryCache(), ns, instance);
    }

    private static Set<ResourceID> backups(IndexedResourceCache<DiscourseBackup> cache,
            String ns, String instance) {
        if (instance == null) {
            return Set.of();
        }
        return cache.byIndex(BY_INSTANCE, ns + "/" + instance).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static String instanceName(DiscourseBackup backup) {
        return backup.getSpec() == null ? null : backup.getSpec().instanceName();
    }
}
