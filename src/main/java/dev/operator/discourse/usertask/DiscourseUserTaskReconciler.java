package dev.operator.discourse.usertask;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Runs each DiscourseUserTask at most once. The order is what makes "once" hold: the password Secret is
 * written first (a password rake may set is never lost), then the task is claimed by a locked status write to
 * Running with an attempt id, and only then does a command run. A task found Running with an attempt this
 * process did not start was interrupted by a restart: exec runs die with the operator, so it is failed, never
 * run again. Waiting (no instance, no ready pod, invalid spec) is Pending with a message, and is rechecked on
 * instance and pod events, not by polling.
 */
@ControllerConfiguration(name = DiscourseUserTaskReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "pods/exec", verbs = { "create", "get" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "create", "get" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DiscourseUserTaskReconciler implements Reconciler<DiscourseUserTask> {

    public static final String NAME = "discourseusertask";
    private static final Logger LOG = Logger.getLogger(DiscourseUserTaskReconciler.class);
    private static final String BY_INSTANCE = "by-instance";
    /** Only when a locked status write keeps losing to other writers; every other wait is event-driven. */
    private static final Duration CONFLICT_RETRY = Duration.ofSeconds(5);
    static final String INTERRUPTED = "The operator restarted while the task was running, so its result is "
            + "unknown; check the user and create a new task";

    /** Tells this process's runs from those of an operator that ran before it. */
    private final String processId = UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> startedHere = ConcurrentHashMap.newKeySet();
    private final Map<String, UserTaskOutcome> unwritten = new ConcurrentHashMap<>();

    private final KubernetesClient client;
    private final CommandRunner runner;
    private final UserTaskStatusWriter writer;
    private final EventRecorder events;
    private final SharedCaches caches;
    private final Clock clock = Clock.systemUTC();

    public DiscourseUserTaskReconciler(KubernetesClient client, CommandRunner runner, UserTaskStatusWriter writer,
            EventRecorder events, SharedCaches caches) {
        this.client = client;
        this.caches = caches;
        this.runner = runner;
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
        var pods = InformerEventSourceConfiguration.from(Pod.class, DiscourseUserTask.class)
                .withName("pods")
                .withLabelSelector(WorkloadNames.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper((Pod p) -> p.getMetadata().getLabels() == null ? Set.of()
                        : tasks(context, p.getMetadata().getNamespace(),
                                p.getMetadata().getLabels().get(WorkloadNames.LABEL_INSTANCE)))
                .build();
        return List.of(instances, new InformerEventSource<>(pods, context));
    }

    @Override
    public UpdateControl<DiscourseUserTask> reconcile(DiscourseUserTask task, Context<DiscourseUserTask> context) {
        DiscourseUserTaskStatus status = task.getStatus();
        UserTaskPhase phase = status == null ? null : status.getPhase();
        if (phase == UserTaskPhase.RUNNING) {
            return running(task);
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
        Optional<Pod> pod = ReadyPods.pick(instancePods(context, ns, spec.instanceName()));
        if (pod.isEmpty()) {
            return pending(task, "NoReadyPod", "Waiting for a ready pod of DiscourseInstance " + spec.instanceName());
        }

        String secretName = null;
        String password = null;
        if (spec.getOperation() == UserOperation.CREATE_USER) {
            secretName = DiscourseUserTaskSpec.passwordSecretName(task);
            Optional<String> stored = passwordFor(task, secretName);
            if (stored.isEmpty()) {
                return pending(task, "SecretConflict", "Secret " + secretName
                        + " already exists and was not made by this task; name another in spec.passwordSecretRef");
            }
            password = stored.get();
        }
        return start(task, pod.get(), secretName, password);
    }

    private UpdateControl<DiscourseUserTask> start(DiscourseUserTask task, Pod pod, String secretName, String password) {
        String attemptId = processId + "-" + UUID.randomUUID().toString().substring(0, 8);
        String podName = pod.getMetadata().getName();
        Optional<DiscourseUserTask> claimed = writer.claim(task,
                fresh -> UserTaskStatuses.running(fresh, attemptId, podName, secretName, clock));
        if (claimed.isEmpty()) {
            // Someone changed the task since this reconcile read it; its event brings the next reconcile.
            return UpdateControl.<DiscourseUserTask> noUpdate().rescheduleAfter(CONFLICT_RETRY);
        }
        startedHere.add(attemptId);
        DiscourseUserTask running = claimed.get();
        String what = describe(running.getSpec());
        LOG.infof("DiscourseUserTask %s/%s: %s in pod %s", task.getMetadata().getNamespace(),
                task.getMetadata().getName(), what, podName);
        events.normal(running, "Started", what + " in pod " + podName);

        var target = new PodTarget(task.getMetadata().getNamespace(), podName, WorkloadNames.CONTAINER);
        UserTaskOutcome outcome = UserTaskExecution.run(runner, target, running.getSpec(), password, secretName);
        unwritten.put(attemptId, outcome);
        return finish(running);
    }

    /** Running in the stored status: either this process's run, whose end the cache has not shown yet, or an interrupted one. */
    private UpdateControl<DiscourseUserTask> running(DiscourseUserTask task) {
        String key = String.valueOf(task.getStatus().getAttemptId());
        if (startedHere.contains(key)) {
            return unwritten.containsKey(key) ? finish(task) : UpdateControl.noUpdate();
        }
        startedHere.add(key);
        unwritten.put(key, UserTaskOutcome.failure("Interrupted", INTERRUPTED));
        return finish(task);
    }

    /** Writes the outcome of the run the task's status marks; on a failed write the outcome stays for the retry. */
    private UpdateControl<DiscourseUserTask> finish(DiscourseUserTask task) {
        String attemptId = task.getStatus().getAttemptId();
        String key = String.valueOf(attemptId);
        UserTaskOutcome outcome = unwritten.get(key);
        Optional<DiscourseUserTask> written = writer.finish(task, attemptId,
                fresh -> UserTaskStatuses.finished(fresh, outcome, clock));
        unwritten.remove(key);
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

    @SuppressWarnings("unchecked")
    private static List<Pod> instancePods(Context<DiscourseUserTask> context, String ns, String instance) {
        var pods = (InformerEventSource<Pod, DiscourseUserTask>) context.eventSourceRetriever()
                .getEventSourceFor(Pod.class);
        return pods.list(ns, p -> p.getMetadata().getLabels() != null
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
