package dev.operator.discourse.instance;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.cache.CachePruning;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.dependent.HeadlessServiceDependent;
import dev.operator.discourse.instance.dependent.DisruptionBudgetDependent;
import dev.operator.discourse.instance.dependent.NetworkPolicyDependent;
import dev.operator.discourse.instance.dependent.PodPolicyConditions;
import dev.operator.discourse.instance.dependent.SecretKeyBaseDependent;
import dev.operator.discourse.instance.dependent.SidekiqDisruptionBudgetDependent;
import dev.operator.discourse.instance.dependent.SidekiqSeparate;
import dev.operator.discourse.instance.dependent.SidekiqStatefulSetDependent;
import dev.operator.discourse.instance.dependent.ServiceDependent;
import dev.operator.discourse.instance.dependent.UploadsClaimDependent;
import dev.operator.discourse.instance.dependent.UploadsOnVolume;
import dev.operator.discourse.instance.dependent.WorkloadStatefulSetDependent;
import dev.operator.discourse.instance.migration.MigrationJobRunner;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationPlan;
import dev.operator.discourse.instance.migration.MigrationPlanner;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.instance.migration.PreUpgradeBackup;
import dev.operator.discourse.backup.BackupCaches;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.status.ApiRefusal;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.status.StatusPatch;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Turns a DiscourseInstance into its workload. The workflow is invoked explicitly so that an invalid spec
 * touches nothing: what runs keeps running until the spec is fixed.
 */
@ControllerConfiguration(name = DiscourseInstanceReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class), fieldManager = FieldManagers.INSTANCE)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "secret-key-base", type = SecretKeyBaseDependent.class),
        @Dependent(name = "uploads", type = UploadsClaimDependent.class, reconcilePrecondition = UploadsOnVolume.class),
        @Dependent(name = "service", type = ServiceDependent.class),
        @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
        @Dependent(name = "statefulset", type = WorkloadStatefulSetDependent.class, dependsOn = "secret-key-base"),
        @Dependent(name = "sidekiq-statefulset", type = SidekiqStatefulSetDependent.class, dependsOn = "secret-key-base",
                reconcilePrecondition = SidekiqSeparate.class, useEventSourceWithName = "statefulset"),
        @Dependent(name = "disruption-budget", type = DisruptionBudgetDependent.class,
                reconcilePrecondition = PodPolicyConditions.WebBudgetWanted.class),
        @Dependent(name = "sidekiq-disruption-budget", type = SidekiqDisruptionBudgetDependent.class,
                reconcilePrecondition = PodPolicyConditions.SidekiqBudgetWanted.class,
                useEventSourceWithName = "disruption-budget"),
        @Dependent(name = "network-policy", type = NetworkPolicyDependent.class,
                reconcilePrecondition = PodPolicyConditions.NetworkPolicyWanted.class)
})
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = { "databaserelations", "redisrelations", "ingressrelations",
        "discourserestores", "discoursebackups" },
        verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
// spec.upgrade.backupFirst: the backup an upgrade takes first
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discoursebackups", verbs = "create")
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = { "get", "list", "watch", "create", "delete" })
@RBACRule(apiGroups = "", resources = "pods", verbs = { "get", "list", "watch" })
// A changed retention policy moves the owner reference of the create-only secret_key_base Secret.
@RBACRule(apiGroups = "", resources = "secrets", verbs = "patch")
public class DiscourseInstanceReconciler implements Reconciler<DiscourseInstance> {

    public static final String NAME = "discourseinstance";
    private static final Logger LOG = Logger.getLogger(DiscourseInstanceReconciler.class);

    private final EventRecorder events;
    private final MigrationJobRunner migrations;
    private final RetainedObjectsUpdater retained;
    private final Clock clock;

    private final SharedCaches caches;

    public DiscourseInstanceReconciler(EventRecorder events, MigrationJobRunner migrations, RetainedObjectsUpdater retained,
            SharedCaches caches) {
        this.caches = caches;
        this.events = events;
        this.migrations = migrations;
        this.retained = retained;
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<EventSource<?, DiscourseInstance>> prepareEventSources(EventSourceContext<DiscourseInstance> context) {
        return List.of(relationSource(DatabaseRelation.class, context), relationSource(RedisRelation.class, context),
                relationSource(IngressRelation.class, context), restoreSource(context),
                new SharedCacheEventSource<>("backups", BackupCaches.BACKUPS, caches, context,
                        (DiscourseBackup b) -> b.getSpec() == null || b.getSpec().instanceName() == null ? Set.of()
                                : Set.of(new ResourceID(b.getSpec().instanceName(), b.getMetadata().getNamespace())),
                        (DiscourseInstance i) -> Set.of()),
                migrationSource(Job.class, context, MIGRATION_JOB_AS_READ, WakeFilters::jobChanged),
                migrationSource(Pod.class, context, MIGRATION_POD_AS_READ, WakeFilters::podChanged));
    }

    /**
     * The planner reads a migration Job's labels, annotations and status, never its pod template (a copy of the
     * workload's, every env entry included) or managedFields.
     */
    static final UnaryOperator<Job> MIGRATION_JOB_AS_READ = CachePruning.alsoDropping(
            CachePruning.withoutManagedFields(), job -> {
                if (job.getSpec() != null) {
                    job.getSpec().setTemplate(null);
                }
            });

    /** Of a migration pod the planner reads the labels and the containers' termination messages only. */
    static final UnaryOperator<Pod> MIGRATION_POD_AS_READ = CachePruning.alsoDropping(
            CachePruning.withoutManagedFields(), pod -> pod.setSpec(null));

    /** Migration Jobs and their pods, found by the instance label the Jobs carry into their pod template. */
    private static <T extends HasMetadata> InformerEventSource<T, DiscourseInstance> migrationSource(Class<T> kind,
            EventSourceContext<DiscourseInstance> context, UnaryOperator<T> pruning, OnUpdateFilter<T> wakes) {
        var config = InformerEventSourceConfiguration.from(kind, DiscourseInstance.class)
                .withName(migrationSourceName(kind))
                .withItemStore(CachePruning.store(pruning))
                .withOnUpdateFilter(wakes)
                .withLabelSelector(MigrationJobs.SELECTOR)
                .withSecondaryToPrimaryMapper((T resource) -> {
                    String instance = resource.getMetadata().getLabels() == null ? null
                            : resource.getMetadata().getLabels().get(MigrationJobs.LABEL_INSTANCE);
                    return instance == null ? Set.of() : Set.of(new ResourceID(instance, resource.getMetadata().getNamespace()));
                })
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** A restore holds the forum down by its status alone, so every status change of one wakes its instance. */
    private static InformerEventSource<DiscourseRestore, DiscourseInstance> restoreSource(
            EventSourceContext<DiscourseInstance> context) {
        var config = InformerEventSourceConfiguration.from(DiscourseRestore.class, DiscourseInstance.class)
                .withItemStore(CachePruning.store(CachePruning.withoutManagedFields()))
                .withOnUpdateFilter((now, before) -> !Objects.equals(now.getStatus() == null ? null
                        : now.getStatus().getHoldsForum(), before.getStatus() == null ? null : before.getStatus().getHoldsForum())
                        || !Objects.equals(now.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp()))
                .withSecondaryToPrimaryMapper((DiscourseRestore r) -> r.getSpec() == null || r.getSpec().instanceName() == null
                        ? Set.of() : Set.of(new ResourceID(r.getSpec().instanceName(), r.getMetadata().getNamespace())))
                .build();
        return new InformerEventSource<>(config, context);
    }

    private static <R extends CustomResource<? extends RelationSpec, ?>> InformerEventSource<R, DiscourseInstance> relationSource(
            Class<R> kind, EventSourceContext<DiscourseInstance> context) {
        var config = InformerEventSourceConfiguration.from(kind, DiscourseInstance.class)
                .withItemStore(CachePruning.store(CachePruning.withoutManagedFields()))
                .withOnUpdateFilter(WakeFilters::relationChanged)
                .withSecondaryToPrimaryMapper((R relation) -> RelationEventSources.instanceId(relation))
                .build();
        return new InformerEventSource<>(config, context);
    }

    @Override
    public UpdateControl<DiscourseInstance> reconcile(DiscourseInstance instance, Context<DiscourseInstance> context) {
        List<String> configErrors = new ArrayList<>(ConfigValidator.validate(instance.getSpec()));
        List<String> secretProblems = configErrors.isEmpty() ? secretProblems(instance, context) : List.of();
        configErrors.addAll(secretProblems);
        InstanceState state = new InstanceState(configErrors,
                RelationGate.database(context.getSecondaryResourcesAsStream(DatabaseRelation.class).map(DatabaseRelation::view).toList()),
                RelationGate.redis(context.getSecondaryResourcesAsStream(RedisRelation.class).map(RedisRelation::view).toList()))
                .withIngressTls(context.getSecondaryResourcesAsStream(IngressRelation.class)
                        .anyMatch(r -> r.getMetadata().getDeletionTimestamp() == null && r.getSpec().tlsEnabled()));

        // a Secret created later sends no event the instance sees: look again
        Duration recheck = secretProblems.isEmpty() ? null : RelationSecrets.MISSING_RECHECK;
        if (state.configValid()) {
            Optional<StatefulSet> live = InstanceWorkloads.web(instance, context);
            state = state.withLiveReplicas(live.map(s -> s.getSpec().getReplicas()).filter(Objects::nonNull).orElse(0));
            MigrationPlan plan = MigrationPlanner.plan(instance, state.relationsReady(), live,
                    InstanceWorkloads.sidekiq(instance, context), migrationResources(context, Job.class, instance),
                    migrationResources(context, Pod.class, instance), backups(context, instance), clock.instant());
            Optional<DiscourseRestore> hold = RestoreHold.holding(context.getSecondaryResourcesAsStream(DiscourseRestore.class));
            if (hold.isPresent()) {
                plan = RestoreHold.apply(plan, hold.get(), live.flatMap(WorkloadContainer::of).map(c -> c.getImage())
                        .orElse(null));
            }
            state = state.withMigration(plan);
            recheck = plan.recheck();
            state.putInto(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            carryOut(instance, plan, live);
            Optional<String> refusal = retained.update(instance, context.getSecondaryResource(PersistentVolumeClaim.class),
                    context.getSecondaryResource(Secret.class));
            refusal.ifPresent(message -> reportUploadsRefusalOnce(instance, message));
            state = state.withUploadsRefusal(refusal.orElse(null));
        } else {
            reportInvalidConfigOnce(instance, String.join(", ", state.configErrors()));
        }

        DiscourseInstanceStatus status = InstanceStatusAggregator.aggregate(instance, state,
                InstanceWorkloads.web(instance, context), InstanceWorkloads.sidekiq(instance, context), clock);
        UpdateControl<DiscourseInstance> control = Objects.equals(status, instance.getStatus()) ? UpdateControl.noUpdate()
                : StatusPatch.writeAndCache(instance, status, context);
        return recheck == null ? control : control.rescheduleAfter(recheck);
    }

    /**
     * The Secrets the spec names, read from the API server once per spec generation (and again while one is
     * missing), not at every reconcile: a Secret the spec no longer changes was found when it last did.
     */
    private static List<String> secretProblems(DiscourseInstance instance, Context<DiscourseInstance> context) {
        var previous = instance.getStatus();
        boolean checkedThisGeneration = previous != null
                && Objects.equals(previous.getObservedGeneration(), instance.getMetadata().getGeneration())
                && Conditions.isTrue(previous.getConditions(), InstanceStatusAggregator.CONFIG_VALID);
        if (checkedThisGeneration || InstanceSecrets.named(instance.getSpec()).isEmpty()) {
            return List.of();
        }
        var secrets = context.getClient().secrets().inNamespace(instance.getMetadata().getNamespace());
        return InstanceSecrets.problems(instance.getSpec(), name -> Optional.ofNullable(secrets.withName(name).get()));
    }

    /**
     * An object derived from the spec that the API server refuses (400/422) is a spec problem: said in ConfigValid
     * and Ready, once in an event and the log, and not retried until the spec changes. Anything else is retried.
     */
    @Override
    public ErrorStatusUpdateControl<DiscourseInstance> updateErrorStatus(DiscourseInstance instance,
            Context<DiscourseInstance> context, Exception e) {
        Optional<String> refusal = ApiRefusal.of(e);
        if (refusal.isEmpty()) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        String message = "the API server refused what this spec makes: " + refusal.get();
        var previous = instance.getStatus() == null ? new DiscourseInstanceStatus() : instance.getStatus();
        if (!Conditions.alreadySaid(previous.getConditions(), InstanceStatusAggregator.CONFIG_VALID, false, message)) {
            LOG.warnf("DiscourseInstance %s/%s: %s", instance.getMetadata().getNamespace(),
                    instance.getMetadata().getName(), message);
            events.warning(instance, "RefusedByApiServer", message);
        }
        return StatusPatch.onError(instance, InstanceStatusAggregator.refused(instance, previous, message, clock))
                .withNoRetry();
    }

    /** Read from the informer's cache by label: the Jobs' names depend on images, so no mapper can name them. */
    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> List<T> migrationResources(Context<DiscourseInstance> context, Class<T> kind,
            DiscourseInstance instance) {
        var source = (InformerEventSource<T, DiscourseInstance>) context.eventSourceRetriever()
                .getEventSourceFor(kind, migrationSourceName(kind));
        String name = instance.getMetadata().getName();
        return source.list(instance.getMetadata().getNamespace(), r -> r.getMetadata().getLabels() != null
                && name.equals(r.getMetadata().getLabels().get(MigrationJobs.LABEL_INSTANCE))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<DiscourseBackup> backups(Context<DiscourseInstance> context, DiscourseInstance instance) {
        var source = (SharedCacheEventSource<DiscourseBackup, DiscourseInstance>) context.eventSourceRetriever()
                .getEventSourceFor(DiscourseBackup.class);
        String ns = instance.getMetadata().getNamespace();
        String name = instance.getMetadata().getName();
        return source.list(b -> ns.equals(b.getMetadata().getNamespace()) && b.getSpec() != null
                && name.equals(b.getSpec().instanceName())).toList();
    }

    private static String migrationSourceName(Class<?> kind) {
        return "migration-" + kind.getSimpleName().toLowerCase();
    }

    private void carryOut(DiscourseInstance instance, MigrationPlan plan, Optional<StatefulSet> live) {
        String ns = instance.getMetadata().getNamespace();
        plan.delete().forEach(name -> migrations.delete(ns, name));
        plan.takeBackup().ifPresent(name -> migrations.takeBackup(PreUpgradeBackup.build(instance, instance.getSpec().getImage())));
        plan.start().ifPresent(step -> migrations.start(MigrationJobs.build(instance, live.orElseThrow(), step,
                instance.getSpec().getImage(),
                step == MigrationStep.ASSETS ? MigrationJobs.s3Fingerprint(instance.getSpec()) : Optional.empty())));
        if (plan.failed()) {
            // said once: a failed Job by its migration status, a failed backup before an upgrade (no Job) by its condition
            var previous = instance.getStatus() == null ? null : instance.getStatus().getMigration();
            boolean said = plan.migration() != null ? plan.migration().equals(previous)
                    : instance.getStatus() != null && Conditions.alreadySaid(instance.getStatus().getConditions(),
                            InstanceStatusAggregator.PROGRESSING, false, plan.message());
            if (!said) {
                LOG.warnf("DiscourseInstance %s/%s: %s", ns, instance.getMetadata().getName(), plan.failure());
                events.warning(instance, plan.failureReason(), plan.failure());
            }
        }
    }

    private void reportUploadsRefusalOnce(DiscourseInstance instance, String message) {
        var previous = instance.getStatus() == null ? null : instance.getStatus().getConditions();
        if (!Conditions.alreadySaid(previous, InstanceStatusAggregator.UPLOADS_VOLUME, false, message)) {
            LOG.warnf("DiscourseInstance %s/%s: %s", instance.getMetadata().getNamespace(), instance.getMetadata().getName(),
                    message);
            events.warning(instance, "UploadsVolumeUnchanged", message);
        }
    }

    /** An event and a log line when the message changes, not on every resync. */
    private void reportInvalidConfigOnce(DiscourseInstance instance, String message) {
        var previous = instance.getStatus() == null ? null : instance.getStatus().getConditions();
        if (!Conditions.alreadySaid(previous, InstanceStatusAggregator.CONFIG_VALID, false, message)) {
            LOG.warnf("DiscourseInstance %s/%s has an invalid configuration: %s",
                    instance.getMetadata().getNamespace(), instance.getMetadata().getName(), message);
            events.warning(instance, "InvalidConfig", message);
        }
    }
}
