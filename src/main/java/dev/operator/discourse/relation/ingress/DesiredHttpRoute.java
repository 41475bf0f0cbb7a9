package dev.operator.discourse.relation.ingress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.operator.discourse.api.v1alpha1.GatewayParentRef;
import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The Gateway API HTTPRoute of a relation, as a generic resource: the CRD may be absent, so no typed model
 * or informer is tied to it. TLS is the Gateway listener's business; the route only names the host.
 */
public final class DesiredHttpRoute {

    public static final String GROUP = "gateway.networking.k8s.io";
    public static final String KIND = "HTTPRoute";

    private DesiredHttpRoute() {
    }

    public static GenericKubernetesResource build(IngressRelation relation, String hostname, String version) {
        String instance = relation.getSpec().instanceName();
        Map<String, String> annotations = new TreeMap<>();
        if (relation.getSpec().getAnnotations() != null) {
            annotations.putAll(relation.getSpec().getAnnotations());
        }
        List<Map<String, Object>> parents = new ArrayList<>();
        for (GatewayParentRef ref : relation.getSpec().getHttpRoute().getParentRefs()) {
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("group", GROUP);
            parent.put("kind", "Gateway");
            parent.put("name", ref.getName());
            putIfSet(parent, "namespace", ref.getNamespace());
            putIfSet(parent, "sectionName", ref.getSectionName());
            parents.add(parent);
        }
        Map<String, Object> backend = new LinkedHashMap<>();
        backend.put("name", WorkloadNames.service(instance));
        backend.put("port", WorkloadNames.HTTP_PORT);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("matches", List.of(Map.of("path", pathPrefix())));
        rule.put("backendRefs", List.of(backend));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("parentRefs", parents);
        spec.put("hostnames", List.of(hostname));
        spec.put("rules", List.of(rule));

        GenericKubernetesResource route = new GenericKubernetesResource();
        route.setApiVersion(GROUP + "/" + version);
        route.setKind(KIND);
        route.setMetadata(IngressNames.metadata(relation, annotations));
        route.setAdditionalProperty("spec", spec);
        return route;
    }

    private static Map<String, Object> pathPrefix() {
        Map<String, Object> path = new LinkedHashMap<>();
        path.put("type", "PathPrefix");
        path.put("value", "/");
        return path;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
