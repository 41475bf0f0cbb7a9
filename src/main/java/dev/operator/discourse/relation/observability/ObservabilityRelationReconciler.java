package dev.operator.discourse.relation.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationStatus;
import dev.operator.discourse.relation.RelationBackoff;
import dev.operator.discourse.relation.RelationConditions;
import dev.operator.discourse.relation.RelationEventSources;
import dev.operator.discourse.relation.RelationStatusUpdate;
import dev.operator.discourse.relation.RelationWorkload;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.FieldManagers;
import dev.operator.discourse.workload.WorkloadNames;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
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
@ControllerConfiguration(name = ObservabilityRelationReconciler.NAME, fieldManager = FieldManagers.OBSERVABILITY,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@RBACRule(apiGroups = DiscourseInstance.GROUP, resources = "discourseinstances", verbs = { "get", "list", "watch" })
@RBACRule(apiGroups = "apps", resources = "statefulsets", verbs = { "get", "list", "watch", "patch" })
@RBACRule(apiGroups = "", resources = "secrets", verbs = { "get", "list", "watch" })
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
    public static final String METRICS_SCRAPED = "MetricsScraped";
    public static final String ALERT_RULES = "AlertRulesDelivered";
    public static final String DASHBOARDS = "DashboardsDelivered";
    public static final String LOG_RULES = "LogRulesDelivered";
    /** How often a relation waiting for a CRD looks again; the tests shorten it to watch it happen. */
    public static final String RECHECK_PROPERTY = "discourse-operator.observability.recheck-interval";
    private static final Logger LOG = Logger.getLogger(ObservabilityRelationReconciler.class);

    private final ObservabilityClient client;
    private final WorkloadPatcher patcher;
    private final EventRecorder events;
    private final RelationBackoff backoff = new RelationBackoff();
    private final Clock clock = Clock.systemUTC();
    private final Duration recheck;

    public ObservabilityRelationReconciler(ObservabilityClient client, WorkloadPatcher patcher, EventRecorder events,
            @ConfigProperty(name = RECHECK_PROPERTY, defaultValue = "60s") Duration recheck) {
        this.client = client;
        this.patcher = patcher;
        this.events = events;
        this.recheck = recheck;
    }

    @Override
    public List<EventSource<?, ObservabilityRelation>> prepareEventSources(
            EventSourceContext<ObservabilityRelation> context) {
        List<EventSource<?, ObservabilityRelation>> sources = new ArrayList<>(
                RelationEventSources.of(ObservabilityRelation.class, context, r -> Set.of()));
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
        var status = new RelationStatusUpdate<>(relation, ObservabilityRelationStatus::new, events, LOG, clock);
        if (!RelationWorkload.instanceFound(relation, context, status)) {
            return status.done();
        }
        List<String> problems = ObservabilitySpecCheck.problems(relation.getSpec());
        if (!problems.isEmpty()) {
            return status.notReady(RelationConditions.READY, "InvalidSpec", String.join("; ", problems)).done();
        }

        var first = FirstRelation.before(relation, sameNamespace(relation, context));
        if (first.isPresent()) {
            // Looked at again: when the first relation goes, this one takes over.
            return status.notReady(RelationConditions.READY, "DuplicateRelation", "ObservabilityRelation "
                    + first.get().getMetadata().getName() + " already delivers the monitoring of DiscourseInstance "
                    + relation.getSpec().instanceName() + "; one per instance, as both would own the same workload "
                    + "fields").done(recheck);
        }

        ResourceID id = ResourceID.fromResource(relation);
        ObservabilityPlan plan;
        List<String> delivered = new ArrayList<>();
        try {
            ServedApis apis = client.servedApis();
            plan = ObservabilityPlan.of(relation.getSpec(), apis);
            deliver(relation, plan, apis, context, delivered);
        } catch (KubernetesClientException e) {
            // A webhook, a quota or the schema refused an object: say why, and retry later rather than at once.
            return status.notReady(RelationConditions.READY, "Refused", "The API server refused an object: "
                    + reason(e)).done(backoff.failed(id));
        }
        backoff.succeeded(id);
        conditions(relation, plan, status);

        StatefulSet intent = ObservabilityWorkload.intent(relation, plan);
        try {
            RelationWorkload.apply(relation, intent, context, patcher, status);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // Another manager owns one of these fields (an extraEnv entry set before this relation existed, a
            // hand-applied annotation): never forced, said, and tried again later.
            status.notReady(RelationConditions.READY, "WorkloadConflict", "StatefulSet "
                    + intent.getMetadata().getName() + " has a field this relation sets under another field manager: "
                    + reason(e));
            return fields(status, plan, delivered).done(backoff.failed(id));
        }
        if (intent.getSpec() != null) {
            delivered.add("StatefulSet/" + intent.getMetadata().getName());
        }
        // RelationWorkload.apply said Ready=True exactly when the workload exists; say what that means here.
        if (context.getSecondaryResource(StatefulSet.class).isPresent()) {
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

    /** Applies what the plan wants, deletes what this relation owns and the plan no longer wants. */
    private void deliver(ObservabilityRelation relation, ObservabilityPlan plan, ServedApis apis,
            Context<ObservabilityRelation> context, List<String> delivered) {
        sync(relation, MonitoringApis.POD_MONITOR, plan.scrape() == ObservabilityPlan.Scrape.POD_MONITOR
                ? List.of(DesiredPodMonitor.build(relation)) : List.of(), apis, context, delivered);
        sync(relation, MonitoringApis.PROMETHEUS_RULE, plan.alertRules()
                ? List.of(DesiredPrometheusRule.build(relation)) : List.of(), apis, context, delivered);
        sync(relation, MonitoringApis.GRAFANA_DASHBOARD, plan.dashboards() == ObservabilityPlan.Dashboards.GRAFANA_DASHBOARD
                ? DesiredDashboards.grafanaDashboards(relation) : List.of(), apis, context, delivered);

        List<ConfigMap> desired = new ArrayList<>();
        if (plan.dashboards() == ObservabilityPlan.Dashboards.CONFIG_MAP) {
            desired.addAll(DesiredDashboards.configMaps(relation));
        }
        if (plan.lokiRules()) {
            desired.add(DesiredLokiRules.build(relation));
        }
        Map<String, ConfigMap> live = byName(context.getSecondaryResources(ConfigMap.class).stream()
                .filter(c -> ObservabilityNames.ownedBy(c, relation)).toList());
        for (ConfigMap configMap : desired) {
            ConfigMap current = live.remove(configMap.getMetadata().getName());
            if (current == null || !SSABasedGenericKubernetesResourceMatcher.<ConfigMap>getInstance()
                    .matches(current, configMap, context)) {
                client.apply(configMap, context.getControllerConfiguration().fieldManager());
                LOG.infof("Applied ConfigMap %s/%s", configMap.getMetadata().getNamespace(),
                        configMap.getMetadata().getName());
            }
            delivered.add("ConfigMap/" + configMap.getMetadata().getName());
        }
        live.values().forEach(c -> client.deleteConfigMap(c.getMetadata().getNamespace(), c.getMetadata().getName()));
    }

    private void sync(ObservabilityRelation relation, MonitoringApis api, List<GenericKubernetesResource> desired,
            ServedApis apis, Context<ObservabilityRelation> context, List<String> delivered) {
        if (!apis.serves(api)) {
            // The plan wants none of a kind that is not served, and there can be none to remove.
            return;
        }
        String ns = relation.getMetadata().getNamespace();
        Map<String, GenericKubernetesResource> live;
        try {
            live = byName(client.list(api, ns, relation.getSpec().instanceName()).stream()
                    .filter(o -> ObservabilityNames.ownedBy(o, relation)).toList());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && desired.isEmpty()) {
                // The CRD was removed since discovery: there is nothing of the kind to keep or remove.
                return;
            }
            throw e;
        }
        for (GenericKubernetesResource object : desired) {
            GenericKubernetesResource current = live.remove(object.getMetadata().getName());
            if (current == null || !SSABasedGenericKubernetesResourceMatcher.<GenericKubernetesResource>getInstance()
                    .matches(current, object, context)) {
                client.apply(object, context.getControllerConfiguration().fieldManager());
                LOG.infof("Applied %s %s/%s", api.kind(), ns, object.getMetadata().getName());
            }
            delivered.add(api.kind() + "/" + object.getMetadata().getName());
        }
        live.keySet().forEach(name -> client.delete(api, ns, name));
    }

    private static void conditions(ObservabilityRelation relation, ObservabilityPlan plan,
            RelationStatusUpdate<ObservabilityRelationStatus, ObservabilityRelation> status) {
        String instance = relation.getSpec().instanceName();
        switch (plan.scrape()) {
            case POD_MONITOR -> status.set(METRICS_SCRAPED, true, "PodMonitor", "PodMonitor "
                    + ObservabilityNames.podMonitor(relation) + " scrapes the pods of " + instance + " on port "
                    + WorkloadNames.HTTP_PORT + ", " + ObservabilityWorkload.METRICS_PATH);
            case ANNOTATIONS -> status.set(METRICS_SCRAPED, true, "ScrapeAnnotations",
                    "prometheus.io/scrape, /port and /path annotations on the pod template of StatefulSet "
                            + WorkloadNames.statefulSet(instance));
            default -> status.set(METRICS_SCRAPED, false, "Disabled", "spec.prometheus.enabled is false");
        }
        if (plan.alertRules()) {
            status.set(ALERT_RULES, true, "PrometheusRuleApplied", "PrometheusRule "
                    + ObservabilityNames.prometheusRule(relation) + " with the Discourse alerts for " + instance);
        } else if (!relation.getSpec().getPrometheus().isEnabled() || !relation.getSpec().getPrometheus().isAlertRules()) {
            status.set(ALERT_RULES, false, "Disabled", "spec.prometheus.enabled or spec.prometheus.alertRules is false");
        } else {
            status.set(ALERT_RULES, false, "CrdNotInstalled", MonitoringApis.PROMETHEUS_RULE.notServed());
        }
        switch (plan.dashboards()) {
            case CONFIG_MAP -> status.set(DASHBOARDS, true, "ConfigMaps", "ConfigMaps labelled "
                    + relation.getSpec().getGrafana().getSidecarLabel() + "="
                    + relation.getSpec().getGrafana().getSidecarLabelValue() + " for the Grafana sidecar");
            case GRAFANA_DASHBOARD -> status.set(DASHBOARDS, true, "GrafanaDashboards",
                    "GrafanaDashboards for the Grafana resources labelled "
                            + relation.getSpec().getGrafana().getInstanceSelector());
            case SKIPPED -> status.set(DASHBOARDS, false, "CrdNotInstalled", MonitoringApis.GRAFANA_DASHBOARD.notServed());
            default -> status.set(DASHBOARDS, false, "Disabled", "spec.grafana.enabled is false");
        }
        if (plan.lokiRules()) {
            status.set(LOG_RULES, true, "ConfigMap", "ConfigMap " + ObservabilityNames.lokiRules(relation)
                    + " labelled " + relation.getSpec().getLoki().getSidecarLabel() + "="
                    + relation.getSpec().getLoki().getSidecarLabelValue() + " for the Loki ruler's sidecar");
        } else {
            status.set(LOG_RULES, false, "Disabled", "spec.loki.enabled is false");
        }
    }

    private static List<ObservabilityRelation> sameNamespace(ObservabilityRelation relation,
            Context<ObservabilityRelation> context) {
        return context.getPrimaryCache().list(relation.getMetadata().getNamespace()).toList();
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<T> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private static String reason(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    @Override
    public DeleteControl cleanup(ObservabilityRelation relation, Context<ObservabilityRelation> context) {
        // The owner references let the garbage collector do this too; deleting here does not wait for it.
        String ns = relation.getMetadata().getNamespace();
        context.getSecondaryResources(ConfigMap.class).stream().filter(c -> ObservabilityNames.ownedBy(c, relation))
                .forEach(c -> client.deleteConfigMap(ns, c.getMetadata().getName()));
        if (relation.getSpec() != null && relation.getSpec().instanceName() != null) {
            ServedApis apis = client.servedApis();
            for (MonitoringApis api : MonitoringApis.values()) {
                if (apis.serves(api)) {
                    client.list(api, ns, relation.getSpec().instanceName()).stream()
                            .filter(o -> ObservabilityNames.ownedBy(o, relation))
                            .forEach(o -> client.delete(api, ns, o.getMetadata().getName()));
                }
            }
        }
        // A duplicate never applied anything; an empty intent under the shared manager would remove the first's.
        if (FirstRelation.before(relation, sameNamespace(relation, context)).isEmpty()) {
            RelationWorkload.remove(relation, context, patcher, events, "observability");
        }
        return DeleteControl.defaultDelete();
    }
}
