package dev.operator.discourse.relation.ingress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * The Kubernetes calls of the ingress relation that are not informers: API discovery, asked again on every
 * reconcile so that installing the Gateway API or an IngressClass later is noticed without a restart, and
 * server-side apply of the Ingress or HTTPRoute the relation owns.
 */
@ApplicationScoped
public class RouteClient {

    private final KubernetesClient client;

    public RouteClient(KubernetesClient client) {
        this.client = client;
    }

    public List<IngressClass> ingressClasses() {
        return client.network().v1().ingressClasses().list().getItems();
    }

    /** The served version of gateway.networking.k8s.io that has HTTPRoute, preferred version first. */
    public Optional<String> httpRouteVersion() {
        APIGroup group = client.getApiGroup(DesiredHttpRoute.GROUP);
        if (group == null || group.getVersions() == null) {
            return Optional.empty();
        }
        var versions = new ArrayList<GroupVersionForDiscovery>();
        if (group.getPreferredVersion() != null) {
            versions.add(group.getPreferredVersion());
        }
        versions.addAll(group.getVersions());
        for (GroupVersionForDiscovery version : versions) {
            APIResourceList resources = client.getApiResources(version.getGroupVersion());
            if (resources != null && resources.getResources() != null && resources.getResources().stream()
                    .anyMatch(r -> DesiredHttpRoute.KIND.equals(r.getKind()))) {
                return Optional.of(version.getVersion());
            }
        }
        return Optional.empty();
    }

    /** Forced: the relation is the Ingress's controller, a hand edit of its fields is drift to undo. */
    public void apply(Ingress ingress, String fieldManager) {
        client.network().v1().ingresses().inNamespace(ingress.getMetadata().getNamespace()).resource(ingress)
                .fieldManager(fieldManager).forceConflicts().serverSideApply();
    }

    public void deleteIngress(String namespace, String name) {
        client.network().v1().ingresses().inNamespace(namespace).withName(name).delete();
    }

    public Optional<GenericKubernetesResource> route(String version, String namespace, String name) {
        return Optional.ofNullable(routes(version).inNamespace(namespace).withName(name).get());
    }

    public void apply(GenericKubernetesResource route, String fieldManager) {
        routes(route.getApiVersion().substring(route.getApiVersion().indexOf('/') + 1))
                .inNamespace(route.getMetadata().getNamespace()).resource(route)
                .fieldManager(fieldManager).forceConflicts().serverSideApply();
    }

    public void deleteRoute(String version, String namespace, String name) {
        routes(version).inNamespace(namespace).withName(name).delete();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> routes(
            String version) {
        return client.genericKubernetesResources(DesiredHttpRoute.GROUP + "/" + version, DesiredHttpRoute.KIND);
    }
}
