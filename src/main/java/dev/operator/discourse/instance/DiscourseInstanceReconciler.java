package dev.operator.discourse.instance;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceStatus;
import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.instance.dependent.HeadlessServiceDependent;
import dev.operator.discourse.instance.dependent.SecretKeyBaseDependent;
import dev.operator.discourse.instance.dependent.ServiceDependent;
import dev.operator.discourse.instance.dependent.UploadsClaimDependent;
import dev.operator.discourse.instance.dependent.UploadsOnVolume;
import dev.operator.discourse.instance.dependent.WorkloadStatefulSetDependent;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Turns a DiscourseInstance into its workload. The workflow is invoked explicitly so that an invalid spec
 * touches nothing: what runs keeps running until the spec is fixed.
 */
@ControllerConfiguration(name = DiscourseInstanceReconciler.NAME, fieldManager = FieldManagers.INSTANCE)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "secret-key-base", type = SecretKeyBaseDependent.class),
        @Dependent(name = "uploads", type = UploadsClaimDependent.class, reconcilePrecondition = UploadsOnVolume.class),
        @Dependent(name = "service", type = ServiceDependent.class),
        @Dependent(name = "headless-service", type = HeadlessServiceDependent.class),
        @Dependent(name = "statefulset", type = WorkloadStatefulSetDependent.class, dependsOn = "secret-key-base")
})
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = { "databaserelations", "redisrelations" },
        verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
public class DiscourseInstanceReconciler implements Reconciler<DiscourseInstance> {

    public static final String NAME = "discourseinstance";
    private static final Logger LOG = Logger.getLogger(DiscourseInstanceReconciler.class);

    private final EventRecorder events;
    private final Clock clock;

    public DiscourseInstanceReconciler(EventRecorder events) {
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<EventSource<?, DiscourseInstance>> prepareEventSources(EventSourceContext<DiscourseInstance> context) {
        return List.of(relationSource(DatabaseRelation.class, context), relationSource(RedisRelation.class, context));
    }

    private static <R extends CustomResource<? extends RelationSpec, ?>> InformerEventSource<R, DiscourseInstance> relationSource(
            Class<R> kind, EventSourceContext<DiscourseInstance> context) {
        var config = InformerEventSourceConfiguration.from(kind, DiscourseInstance.class)
                .withSecondaryToPrimaryMapper((R relation) -> RelationEventSources.instanceId(relation))
                .build();
        return new InformerEventSource<>(config, context);
    }

    @Override
    public UpdateControl<DiscourseInstance> reconcile(DiscourseInstance instance, Context<DiscourseInstance> context) {
        InstanceState state = new InstanceState(ConfigValidator.validate(instance.getSpec()),
                RelationGate.database(context.getSecondaryResourcesAsStream(DatabaseRelation.class).map(DatabaseRelation::view).toList()),
                RelationGate.redis(context.getSecondaryResourcesAsStream(RedisRelation.class).map(RedisRelation::view).toList()));

        if (state.configValid()) {
            state.putInto(context);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        } else {
            reportInvalidConfigOnce(instance, String.join(", ", state.configErrors()));
        }

        DiscourseInstanceStatus status = InstanceStatusAggregator.aggregate(instance, state,
                context.getSecondaryResource(StatefulSet.class), clock);
        if (Objects.equals(status, instance.getStatus())) {
            return UpdateControl.noUpdate();
        }
        instance.setStatus(status);
        return UpdateControl.patchStatus(instance);
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
