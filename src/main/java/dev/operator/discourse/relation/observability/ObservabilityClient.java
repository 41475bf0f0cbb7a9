package dev.operator.discourse.relation.observability;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * The Kubernetes calls of the observability relation that are not informers: API discovery, asked again on
 * every reconcile so that installing the Prometheus Operator or grafana-operator later is noticed without a
 * restart, and server-side apply, list and delete of what the relation owns.
 */
@ApplicationScoped
public class ObservabilityClient {

    private final KubernetesClient client;

    public ObservabilityClient(KubernetesClient client) {
        this.client = client;
    }

    /** The optional kinds served at exactly the version the builders write. */
    public ServedApis servedApis() {
        Set<MonitoringApis> served = EnumSet.noneOf(MonitoringApis.class);
        for (String group : List.of(MonitoringApis.PROMETHEUS_GROUP, MonitoringApis.GRAFANA_GROUP)) {
            APIGroup apiGroup = client.getApiGroup(group);
            if (apiGroup == null || apiGroup.getVersions() == null) {
                continue;
            }
            for (MonitoringApis api : MonitoringApis.values()) {
                if (api.group().equals(group) && apiGroup.getVersions().stream()
                        .anyMatch(v -> api.version().equals(v.getVersion())) && servesKind(api)) {
                    served.add(api);
                }
            }
        }
        return new ServedApis(served);
    }

    private boolean servesKind(MonitoringApis api) {
        try {
            APIResourceList resources = client.getApiResources(api.apiVersion());
            return resources != null && resources.getResources() != null
                    && resources.getResources().stream().anyMatch(r -> api.kind().equals(r.getKind()));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                // The group went away between the two discovery calls (a CRD being deleted).
                return false;
            }
            throw e;
        }
    }

    /** Objects of the kind labelled for the instance's relations; the caller checks which it owns. */
    public List<GenericKubernetesResource> list(MonitoringApis api, String namespace, String instance) {
        return resources(api).inNamespace(namespace).withLabelSelector(ObservabilityNames.ownedSelector(instance))
                .list().getItems();
    }

    /** Forced: the relation is the object's controller, a hand edit of its fields is drift to undo. */
    public void apply(GenericKubernetesResource object, String fieldManager) {
        MonitoringApis api = MonitoringApis.ofKind(object.getKind());
        resources(api).inNamespace(object.getMetadata().getNamespace()).resource(object)
                .fieldManager(fieldManager).forceConflicts().serverSideApply();
    }

    public void delete(MonitoringApis api, String namespace, String name) {
        resources(api).inNamespace(namespace).withName(name).delete();
    }

    public void apply(ConfigMap configMap, String fieldManager) {
        client.configMaps().inNamespace(configMap.getMetadata().getNamespace()).resource(configMap)
                .fieldManager(fieldManager).forceConflicts().serverSideApply();
    }

    public void deleteConfigMap(String namespace, String name) {
        client.configMaps().inNamespace(namespace).withName(name).delete();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
            MonitoringApis api) {
        return client.genericKubernetesResources(api.apiVersion(), api.kind());
    }
}
