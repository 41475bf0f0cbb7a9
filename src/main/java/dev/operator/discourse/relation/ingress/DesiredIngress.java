package dev.operator.discourse.relation.ingress;

import java.util.Map;
import java.util.TreeMap;

import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.SessionAffinitySpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;

/**
 * The Ingress of a relation: the instance's hostname to its ClusterIP Service on port 3000. Cookie affinity
 * and the body size are nginx annotations, as the charm asked of its nginx ingress; other controllers
 * ignore them. The user's annotations are applied last and win on the same key, so any operator-chosen
 * value can be overridden without a new spec field.
 */
public final class DesiredIngress {

    static final String NGINX = "nginx.ingress.kubernetes.io/";
    static final String CERT_MANAGER_ISSUER = "cert-manager.io/issuer";
    static final String CERT_MANAGER_CLUSTER_ISSUER = "cert-manager.io/cluster-issuer";

    private DesiredIngress() {
    }

    /** className null leaves spec.ingressClassName unset, for the API server to fill in the cluster default. */
    public static Ingress build(IngressRelation relation, String hostname, String className) {
        IngressRelationSpec spec = relation.getSpec();
        String instance = spec.instanceName();
        IngressSpecBuilder ingress = new IngressSpecBuilder()
                .withIngressClassName(className)
                .addNewRule()
                .withHost(hostname)
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(WorkloadNames.service(instance))
                .withNewPort().withNumber(WorkloadNames.HTTP_PORT).endPort().endService().endBackend()
                .endPath()
                .endHttp()
                .endRule();
        if (spec.tlsEnabled()) {
            ingress.withTls(new IngressTLSBuilder().withHosts(hostname).withSecretName(IngressNames.tlsSecret(spec)).build());
        }
        return new IngressBuilder()
                .withApiVersion("networking.k8s.io/v1")
                .withKind("Ingress")
                .withMetadata(IngressNames.metadata(relation, annotations(spec)))
                .withSpec(ingress.build())
                .build();
    }

    static Map<String, String> annotations(IngressRelationSpec spec) {
        Map<String, String> annotations = new TreeMap<>();
        if (spec.getMaxBodySize() != null && !spec.getMaxBodySize().isBlank()) {
            annotations.put(NGINX + "proxy-body-size", spec.getMaxBodySize());
        }
        SessionAffinitySpec affinity = spec.getSessionAffinity();
        if (affinity != null && affinity.isEnabled()) {
            String maxAge = Integer.toString(affinity.getMaxAgeSeconds());
            String cookie = affinity.getCookieName() == null || affinity.getCookieName().isBlank()
                    ? spec.instanceName() + "_AFFINITY" : affinity.getCookieName();
            annotations.put(NGINX + "affinity", "cookie");
            // Balanced: scaling out moves some sessions to the new pods instead of leaving them idle.
            annotations.put(NGINX + "affinity-mode", "balanced");
            annotations.put(NGINX + "session-cookie-name", cookie);
            annotations.put(NGINX + "session-cookie-max-age", maxAge);
            annotations.put(NGINX + "session-cookie-expires", maxAge);
            annotations.put(NGINX + "session-cookie-change-on-failure", "true");
        }
        if (spec.tlsEnabled()) {
            var tls = spec.getTls();
            if (tls.getClusterIssuer() != null && !tls.getClusterIssuer().isBlank()) {
                annotations.put(CERT_MANAGER_CLUSTER_ISSUER, tls.getClusterIssuer());
            } else if (tls.getIssuer() != null && !tls.getIssuer().isBlank()) {
                annotations.put(CERT_MANAGER_ISSUER, tls.getIssuer());
            }
        }
        if (spec.getAnnotations() != null) {
            annotations.putAll(spec.getAnnotations());
        }
        return annotations;
    }
}
