package dev.operator.discourse.usertask;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskStatus;
import dev.operator.discourse.api.v1alpha1.UserOperation;
import dev.operator.discourse.api.v1alpha1.UserTaskPhase;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.JobCaches;
import dev.operator.discourse.workload.JobReading;
import dev.operator.discourse.workload.WorkloadJobs;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
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
 * Runs each DiscourseUserTask at most once, as a Job in a copy of the forum's container. The order is what makes
 * "once" hold: the password Secret is written first (a password rake may set is never lost), then the task is
 * claimed by a locked status write to Running naming its Job, and only then is the Job created. The Job's name
 * comes from the task's uid, so an operator that restarts at any point finds the run again instead of starting
 * another: it creates the Job if the claim got no further, or waits for it and reads its result. Waiting (no
 * instance, no ready pod, invalid spec) is Pending with a message, and is rechecked on instance and pod events,
 * not by polling.
 */
@ControllerConfiguration(name = DiscourseUserTaskReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get" })
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = { "create", "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "create", "get" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DiscourseUserTaskReconciler implements Reconciler<DiscourseUserTask> {

    public static final String NAME = "discourseusertask";
    private static final Logger LOG = Logger.getLogger(DiscourseUserTaskReconciler.class);
    private static final String BY_INSTANCE = "by-instance";
    /** Only when a locked status write keeps losing to other writers; every other wait is event-driven. */
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(5);
    static final String INTERRUPTED = "The task was started by an operator that ran commands in a pod, and that "
            + "operator stopped before it ended, so its result is unknown; check the user and create a new task";

    private final KubernetesClient client;
    private final UserTaskStatusWriter writer;
    private final EventRecorder events;
    private final SharedCaches caches;
    private final Clock clock = Clock.systemUTC();

    public DiscourseUserTaskReconciler(KubernetesClient client, UserTaskStatusWriter writer, EventRecorder events,
            SharedCaches caches) {
        this.client = client;
        this.caches = caches;
        this.writer = writer;
        this.events = events;
    }

    @Override
    public List<EventSource<?, DiscourseUserTask>> prepareEventSources(EventSourceContext<DiscourseUserTask> context) {
        var cache = context.getPrimaryCache();
        cache.addIndexer(BY_INSTANCE, t -> instanceName(t) == null ? List.of()
                : List.of(t.getMetadata().getNamespace() + "/" + instanceName(t)));
        // the relations' copy of the instances: a task reads only whether its instance exists
        var instances = new SharedCacheEventSource<>("instance", RelationEventSources.INSTANCES, caches, context,
                (DiscourseInstance i) -> tasks(context, i.getMetadata().getNamespace(), i.getMetadata().getName()),
                (DiscourseUserTask t) -> instanceName(t) == null ? Set.of()
                        : Set.of(new ResourceID(instanceName(t), t.getMetadata().getNamespace())));
        // the forum's pods (is one ready?) and the tasks' Job pods (their termination messages), and the tasks' Jobs:
        // one copy of each with the backups
        var pods = new SharedCacheEventSource<>("pods", JobCaches.PODS, caches, context,
                (Pod p) -> podTasks(context, p), (DiscourseUserTask t) -> Set.of());
        var jobs = new SharedCacheEventSource<>("jobs", JobCaches.JOBS, caches, context,
                (Job j) -> taskOf(j.getMetadata().getNamespace(), j.getMetadata().getLabels()),
                (DiscourseUserTask t) -> Set.of(new ResourceID(UserTaskJob.name(t), t.getMetadata().getNamespace())));
        return List.of(instances, pods, jobs);
    }

    @Override
    public UpdateControl<DiscourseUserTask> reconcile(DiscourseUserTask task, Context<DiscourseUserTask> context) {
        DiscourseUserTaskStatus status = task.getStatus();
        UserTaskPhase phase = status == null ? null : status.getPhase();
        if (phase == UserTaskPhase.RUNNING) {
            return running(task, context);
        }
        if (phase != null && phase.finished()) {
            return reportIgnoredSpecChange(task);
        }

        List<String> problems = UserTaskValidator.problems(task.getSpec());
        if (!problems.isEmpty()) {
            return pending(task, "InvalidSpec", String.join(", ", problems));
        }
        DiscourseUserTaskSpec spec = task.getSpec();
        String ns = task.getMetadata().getNamespace();
        if (context.getSecondaryResource(DiscourseInstance.class).isEmpty()) {
            return pending(task, "InstanceNotFound", "DiscourseInstance " + spec.instanceName() + " not found in " + ns);
        }
        // A ready pod says the forum booted on a migrated database: the task's Job may then run against it.
        if (ReadyPods.pick(instancePods(context, ns, spec.instanceName())).isEmpty()) {
            return pending(task, "NoReadyPod", "Waiting for a ready pod of DiscourseInstance " + spec.instanceName());
        }
        String secretName = null;
        if (spec.getOperation() == UserOperation.CREATE_USER) {
            secretName = DiscourseUserTaskSpec.passwordSecretName(task);
            if (passwordFor(task, secretName).isEmpty()) {
                return pending(task, "SecretConflict", "Secret " + secretName
                        + " already exists and was not made by this task; name another in spec.passwordSecretRef");
            }
        }
        return start(task, secretName);
    }

    private UpdateControl<DiscourseUserTask> start(DiscourseUserTask task, String secretName) {
        String jobName = UserTaskJob.name(task);
        Optional<DiscourseUserTask> claimed = writer.claim(task,
                fresh -> UserTaskStatuses.running(fresh, jobName, secretName, clock));
        if (claimed.isEmpty()) {
            // Someone changed the task since this reconcile read it; its event brings the next reconcile.
            return UpdateControl.<DiscourseUserTask> noUpdate().rescheduleAfter(CONFLICT_RETRY);
        }
        DiscourseUserTask running = claimed.get();
        String what = describe(running.getSpec());
        LOG.infof("DiscourseUserTask %s/%s: %s in Job %s", task.getMetadata().getNamespace(),
                task.getMetadata().getName(), what, jobName);
        events.normal(running, "Started", what + " in Job " + jobName);
        return createJob(running);
    }

    /** Running in the stored status: the Job is made if the claim got no further, else its end is read. */
    private UpdateControl<DiscourseUserTask> running(DiscourseUserTask task, Context<DiscourseUserTask> context) {
        String jobName = UserTaskJob.name(task);
        if (!jobName.equals(task.getStatus().getAttemptId())) {
            return finish(task, UserTaskOutcome.failure("Interrupted", INTERRUPTED));
        }
        JobReading seen = JobReading.of(context, task.getMetadata().getNamespace(), jobName);
        if (seen.missing()) {
            return createJob(task);
        }
        if (seen.running()) {
            return UpdateControl.noUpdate();
        }
        String password = passwordOf(task).orElse(null);
        Optional<UserTaskOutcome> outcome = UserTaskJobResult.outcome(task.getSpec(), seen.outcome(), seen.message(),
                password, task.getStatus().getPasswordSecret(), jobName, seen.podRunning());
        // A failed Job whose pod has not shown its message yet: the pod's event brings it.
        return outcome.map(o -> finish(task, o)).orElse(UpdateControl.noUpdate());
    }

    private UpdateControl<DiscourseUserTask> createJob(DiscourseUserTask task) {
        String ns = task.getMetadata().getNamespace();
        String instance = task.getSpec().instanceName();
        StatefulSet live = client.apps().statefulSets().inNamespace(ns).withName(instance).get();
        if (live == null) {
            return finish(task, UserTaskOutcome.failure("InstanceGone", "StatefulSet " + instance
                    + " went away before the task's Job could be made; nothing ran, create a new task"));
        }
        String secretName = task.getStatus().getPasswordSecret();
        String password = null;
        if (secretName != null) {
            Optional<String> stored = passwordOf(task);
            if (stored.isEmpty()) {
                return finish(task, UserTaskOutcome.failure("SecretGone", "Secret " + secretName
                        + " no longer holds this task's password; nothing ran, create a new task"));
            }
            password = stored.get();
        }
        WorkloadJobs.create(client, UserTaskJob.build(task, live, secretName, password));
        return UpdateControl.noUpdate();
    }

    /** Writes the outcome of the run the task's status marks. */
    private UpdateControl<DiscourseUserTask> finish(DiscourseUserTask task, UserTaskOutcome outcome) {
        Optional<DiscourseUserTask> written = writer.finish(task, task.getStatus().getAttemptId(),
                fresh -> UserTaskStatuses.finished(fresh, outcome, clock));
        if (written.isEmpty()) {
            return UpdateControl.noUpdate();
        }
        DiscourseUserTask about = written.get();
        if (outcome.succeeded()) {
            LOG.infof("DiscourseUserTask %s/%s succeeded: %s", task.getMetadata().getNamespace(),
                    task.getMetadata().getName(), outcome.message());
            events.normal(about, "Succeeded", outcome.message());
        } else {
            LOG.warnf("DiscourseUserTask %s/%s failed: %s", task.getMetadata().getNamespace(),
                    task.getMetadata().getName(), outcome.message());
            events.warning(about, outcome.reason(), outcome.message());
        }
        return UpdateControl.noUpdate();
    }
    private UpdateControl<DiscourseUserTask> reportIgnoredSpecChange(DiscourseUserTask task) {
        if (!UserTaskStatuses.specChangeUnreported(task)) {
            return UpdateControl.noUpdate();
        }
        Optional<DiscourseUserTask> written = writer.update(task, fresh -> fresh.getStatus() != null
                && fresh.getStatus().getPhase() != null && fresh.getStatus().getPhase().finished()
                && UserTaskStatuses.specChangeUnreported(fresh) ? UserTaskStatuses.specChangeIgnored(fresh, clock) : null);
        if (written.isPresent()) {
            String message = UserTaskStatuses.specChangeMessage(written.get());
            LOG.warnf("DiscourseUserTask %s/%s: %s", task.getMetadata().getNamespace(), task.getMetadata().getName(),
                    message);
            events.warning(written.get(), "SpecChangeIgnored", message);
        }
        return UpdateControl.noUpdate();
    }

    private UpdateControl<DiscourseUserTask> pending(DiscourseUserTask task, String reason, String message) {
        if (UserTaskStatuses.pending(task, reason, message, clock).equals(task.getStatus())) {
            // Said already: a resync or an unrelated pod event costs no API call.
            return UpdateControl.noUpdate();
        }
        boolean alreadySaid = task.getStatus() != null
                && Conditions.alreadySaid(task.getStatus().getConditions(), UserTaskStatuses.COMPLETE, false, message);
        Optional<DiscourseUserTask> written = writer.update(task, fresh -> fresh.getStatus() == null
                || fresh.getStatus().getPhase() == null || fresh.getStatus().getPhase() == UserTaskPhase.PENDING
                        ? UserTaskStatuses.pending(fresh, reason, message, clock)
                        : null);
        if (written.isPresent() && !alreadySaid) {
            LOG.infof("DiscourseUserTask %s/%s pending: %s", task.getMetadata().getNamespace(),
                    task.getMetadata().getName(), message);
            events.warning(written.get(), reason, message);
        }
        return UpdateControl.noUpdate();
    }

    /**
     * The password this task's Secret holds, creating the Secret with a new one first; empty when a Secret of
     * that name belongs to someone else. Reusing an existing own Secret covers a restart between its creation
     * and the claim.
     */
    private Optional<String> passwordFor(DiscourseUserTask task, String secretName) {
        var secrets = client.secrets().inNamespace(task.getMetadata().getNamespace());
        Secret existing = secrets.withName(secretName).get();
        if (existing != null) {
            return PasswordSecret.ownPassword(task, existing);
        }
        String password = PasswordGenerator.generate();
        try {
            secrets.resource(PasswordSecret.desired(task, secretName, password)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return passwordFor(task, secretName);
            }
            throw e;
        }
        return Optional.of(password);
    }

    /** The task's own password, from the Secret it made; empty when that Secret is gone or not its own. */
    private Optional<String> passwordOf(DiscourseUserTask task) {
        String secretName = task.getStatus() == null ? null : task.getStatus().getPasswordSecret();
        if (secretName == null) {
            return Optional.empty();
        }
        Secret existing = client.secrets().inNamespace(task.getMetadata().getNamespace()).withName(secretName).get();
        return existing == null ? Optional.empty() : PasswordSecret.ownPassword(task, existing);
    }

    private static Set<ResourceID> podTasks(EventSourceContext<DiscourseUserTask> context, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return Set.of();
        }
        if (labels.containsKey(UserTaskJob.LABEL_TASK)) {
            return taskOf(pod.getMetadata().getNamespace(), labels);
        }
        return tasks(context, pod.getMetadata().getNamespace(), labels.get(WorkloadNames.LABEL_INSTANCE));
    }

    private static Set<ResourceID> taskOf(String ns, Map<String, String> labels) {
        String task = labels == null ? null : labels.get(UserTaskJob.LABEL_TASK);
        return task == null ? Set.of() : Set.of(new ResourceID(task, ns));
    }

    private static List<Pod> instancePods(Context<DiscourseUserTask> context, String ns, String instance) {
        return JobCaches.pods(context).list(p -> ns.equals(p.getMetadata().getNamespace()) && p.getMetadata().getLabels() != null
                && instance.equals(p.getMetadata().getLabels().get(WorkloadNames.LABEL_INSTANCE))).toList();
    }

    private static Set<ResourceID> tasks(EventSourceContext<DiscourseUserTask> context, String ns, String instance) {
        if (instance == null) {
            return Set.of();
        }
        return context.getPrimaryCache().byIndex(BY_INSTANCE, ns + "/" + instance).stream()
                .map(ResourceID::fromResource).collect(java.util.stream.Collectors.toSet());
    }

    private static String instanceName(DiscourseUserTask task) {
        return task.getSpec() == null ? null : task.getSpec().instanceName();
    }

    private static String describe(DiscourseUserTaskSpec spec) {
        return switch (spec.getOperation()) {
            case CREATE_USER -> "Creating " + (spec.isAdmin() ? "admin " : "") + "user " + spec.getEmail();
            case PROMOTE_USER -> "Promoting user " + spec.getEmail() + " to admin";
            case ANONYMIZE_USER -> "Anonymizing user " + spec.getUsername();
        };
    }
}
