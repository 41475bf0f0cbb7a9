package dev.operator.discourse.relation.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationStatus;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.cache.SharedCaches;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationFlow;
import dev.operator.discourse.relation.RelationStatusUpdate;
import dev.operator.discourse.relation.RelationWorkload;
import dev.operator.discourse.status.ApiRefusal;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadNames;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.quarkiverse.operatorsdk.annotations.RBACRule;

/**
 * Delivers an instance's monitoring in the forms the cluster understands (see {@link ObservabilityPlan}): a
 * PodMonitor or scrape annotations, a PrometheusRule, dashboards, Loki rules; every object owned by the
 * relation. Kinds the cluster does not serve are looked up by API discovery on every reconcile and, while one
 * is missing, the relation looks again every minute: installing a CRD sends this operator no event.
 */
@ControllerConfiguration(name = ObservabilityRelationReconciler.NAME,
        informer = @Informer(itemStore = PrunedStores.WithoutManagedFields.class), fieldManager = FieldManagers.OBSERVABILITY,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "events", verbs = { "create", "patch" })
@RBACRule(apiGroups = "", resources = "configmaps",
        verbs = { "get", "list", "watch", "create", "update", "patch", "delete" })
@RBACRule(apiGroups = MonitoringApis.PROMETHEUS_GROUP, resources = { "podmonitors", "prometheusrules" },
        verbs = { "get", "list", "watch", "create", "update", "patch", "delete" })
@RBACRule(apiGroups = MonitoringApis.GRAFANA_GROUP, resources = "grafanadashboards",
        verbs = { "get", "list", "watch", "create", "update", "patch", "delete" })
public class ObservabilityRelationReconciler
        implements Reconciler<ObservabilityRelation>, Cleaner<ObservabilityRelation> {

    public static final String NAME = "observabilityrelation";
    /** How often a relation waiting for a CRD looks again; the tests shorten it to watch it happen. */
    public static final String RECHECK_PROPERTY = "discourse-operator.observability.recheck-interval";
    private static final Logger LOG = Logger.getLogger(ObservabilityRelationReconciler.class);

    private final ObservabilityClient client;
    private final OwnedObjects owned;
    private final SharedCaches caches;
    private final RelationFlow<ObservabilityRelationStatus, ObservabilityRelation> flow;
    private final Duration recheck;

    public ObservabilityRelationReconciler(ObservabilityClient client, WorkloadPatcher patcher, EventRecorder events,
            SharedCaches caches, @ConfigProperty(name = RECHECK_PROPERTY, defaultValue = "60s") Duration recheck) {
        this.caches = caches;
        this.client = client;
        this.owned = new OwnedObjects(client);
        this.flow = new RelationFlow<>(ObservabilityRelationStatus::new,
                r -> ObservabilitySpecCheck.problems(r.getSpec()), RelationConditions.READY, "observability", patcher,
                events, LOG);
        this.recheck = recheck;
    }

    @Override
    public List<EventSource<?, ObservabilityRelation>> prepareEventSources(
            EventSourceContext<ObservabilityRelation> context) {
        List<EventSource<?, ObservabilityRelation>> sources = new ArrayList<>(
                RelationEventSources.of(ObservabilityRelation.class, context, caches));
        // A deleted or hand-edited ConfigMap is put back at once; the generic kinds wait for the next look.
        var configMaps = InformerEventSourceConfiguration.from(ConfigMap.class, ObservabilityRelation.class)
                .withName("configmaps")
                .withLabelSelector(WorkloadNames.LABEL_COMPONENT + "=" + ObservabilityNames.COMPONENT + ","
                        + WorkloadNames.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ObservabilityRelation.class, false))
                .build();
        sources.add(new InformerEventSource<>(configMaps, context));
        return sources;
    }

    @Override
    public UpdateControl<ObservabilityRelation> reconcile(ObservabilityRelation relation,
            Context<ObservabilityRelation> context) {
        return flow.reconcile(relation, context, this::bind);
    }

    private UpdateControl<ObservabilityRelation> bind(ObservabilityRelation relation,
            Context<ObservabilityRelation> context,
            RelationStatusUpdate<ObservabilityRelationStatus, ObservabilityRelation> status) {
        var first = FirstRelation.before(relation, sameNamespace(relation, context));
        if (first.isPresent()) {
            // Looked at again: when the first relation goes, this one takes over.
            return status.notReady(RelationConditions.READY, "DuplicateRelation", "ObservabilityRelation "
                    + first.get().getMetadata().getName() + " already delivers the monitoring of DiscourseInstance "
                    + relation.getSpec().instanceName() + "; one per instance, as both would own the same workload "
                    + "fields").done(recheck);
        }

        ObservabilityPlan plan;
        List<String> delivered;
        try {
            ServedApis apis = client.servedApis();
            plan = ObservabilityPlan.of(relation.getSpec(), apis);
            delivered = new ArrayList<>(owned.sync(relation, plan, apis, context));
        } catch (KubernetesClientException e) {
            // A webhook, a quota or the schema refused an object: say why, and retry later rather than at once.
            return flow.failed(relation, status.notReady(RelationConditions.READY, "Refused",
                    "The API server refused an object: " + ApiRefusal.message(e))).done();
        }
        flow.succeeded(relation);
        ObservabilityConditions.of(relation, plan).forEach(c -> status.set(c.type(), c.status(), c.reason(), c.message()));

        StatefulSet intent = ObservabilityWorkload.intent(relation, plan);
        if (!flow.apply(relation, intent, context, status)) {
            return fields(status, plan, delivered).done();
        }
        if (intent.getSpec() != null) {
            delivered.add("StatefulSet/" + intent.getMetadata().getName());
        }
        // RelationWorkload.apply said Ready=True exactly when the workload exists; say what that means here.
        if (RelationWorkload.webFound(context, relation.getSpec().instanceName())) {
            status.set(RelationConditions.READY, true, "Delivered", "Delivered " + String.join(", ", delivered)
                    + (plan.skipped().isEmpty() ? "" : "; skipped " + plan.skipped().size() + ", see status.skipped"));
        }
        fields(status, plan, delivered);
        return plan.recheck() ? status.done(recheck) : status.done();
    }

    private static RelationStatusUpdate<ObservabilityRelationStatus, ObservabilityRelation> fields(
            RelationStatusUpdate<ObservabilityRelationStatus, ObservabilityRelation> status, ObservabilityPlan plan,
            List<String> delivered) {
        List<String> deliveredCopy = List.copyOf(delivered);
        return status.with(s -> {
            s.setScrape(plan.scrape().label());
            s.setDashboards(plan.dashboards().label());
            s.setDelivered(new ArrayList<>(deliveredCopy));
            s.setSkipped(new ArrayList<>(plan.skipped()));
        });
    }

    private static List<ObservabilityRelation> sameNamespace(ObservabilityRelation relation,
            Context<ObservabilityRelation> context) {
        return context.getPrimaryCache().list(relation.getMetadata().getNamespace()).toList();
    }

    @Override
    public DeleteControl cleanup(ObservabilityRelation relation, Context<ObservabilityRelation> context) {
        // The owner references let the garbage collector do this too; deleting here does not wait for it.
        owned.deleteAll(relation, context);
        // A duplicate never applied anything; an empty intent under the shared manager would remove the first's.
        if (FirstRelation.before(relation, sameNamespace(relation, context)).isEmpty()) {
            flow.removeFields(relation, context);
        }
        return DeleteControl.defaultDelete();
    }
}
