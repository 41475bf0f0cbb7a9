package dev.operator.discourse.relation.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;

/**
 * Brings the objects a relation owns to what its plan wants: applies those that differ from what the API server
 * records for the relation's field manager (a converged relation writes nothing), and deletes those it owns and
 * no longer wants (a part turned off, a form replaced once a CRD appears). Ownership is the owner reference's
 * uid, never a name or a label alone.
 */
final class OwnedObjects {

    private static final Logger LOG = Logger.getLogger(OwnedObjects.class);

    private final ObservabilityClient client;

    OwnedObjects(ObservabilityClient client) {
        this.client = client;
    }

    /** Returns what the relation now delivers, as Kind/name, in a fixed order. */
    List<String> sync(ObservabilityRelation relation, ObservabilityPlan plan, ServedApis apis,
            Context<ObservabilityRelation> context) {
        List<String> delivered = new ArrayList<>();
        sync(relation, MonitoringApis.POD_MONITOR, plan.scrape() == ObservabilityPlan.Scrape.POD_MONITOR
                ? List.of(DesiredPodMonitor.build(relation)) : List.of(), apis, context, delivered);
        sync(relation, MonitoringApis.PROMETHEUS_RULE, plan.alertRules()
                ? List.of(DesiredPrometheusRule.build(relation)) : List.of(), apis, context, delivered);
        sync(relation, MonitoringApis.GRAFANA_DASHBOARD,
                plan.dashboards() == ObservabilityPlan.Dashboards.GRAFANA_DASHBOARD
                        ? DesiredDashboards.grafanaDashboards(relation) : List.of(), apis, context, delivered);

        List<ConfigMap> desired = new ArrayList<>();
        if (plan.dashboards() == ObservabilityPlan.Dashboards.CONFIG_MAP) {
            desired.addAll(DesiredDashboards.configMaps(relation));
        }
        if (plan.lokiRules()) {
            desired.add(DesiredLokiRules.build(relation));
        }
        Map<String, ConfigMap> live = byName(ownedConfigMaps(relation, context));
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
        return delivered;
    }

    /** Deletes everything the relation owns, of every kind the cluster serves. */
    void deleteAll(ObservabilityRelation relation, Context<ObservabilityRelation> context) {
        String ns = relation.getMetadata().getNamespace();
        ownedConfigMaps(relation, context).forEach(c -> client.deleteConfigMap(ns, c.getMetadata().getName()));
        if (relation.getSpec() == null || relation.getSpec().instanceName() == null) {
            return;
        }
        ServedApis apis = client.servedApis();
        for (MonitoringApis api : MonitoringApis.values()) {
            if (apis.serves(api)) {
                client.list(api, ns, relation.getSpec().instanceName()).stream()
                        .filter(o -> ObservabilityNames.ownedBy(o, relation))
                        .forEach(o -> client.delete(api, ns, o.getMetadata().getName()));
            }
        }
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

    private static List<ConfigMap> ownedConfigMaps(ObservabilityRelation relation, Context<ObservabilityRelation> context) {
        return context.getSecondaryResources(ConfigMap.class).stream()
                .filter(c -> ObservabilityNames.ownedBy(c, relation)).toList();
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<T> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }
}
