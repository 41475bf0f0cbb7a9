package dev.operator.discourse.relation.ingress;

import java.util.ArrayList;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.GatewayParentRef;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.api.v1alpha1.IngressTlsSpec;

/** What the CRD schema cannot say about an IngressRelation spec; each problem is one readable sentence. */
public final class IngressSpecCheck {

    private IngressSpecCheck() {
    }

    public static List<String> problems(IngressRelationSpec spec) {
        List<String> problems = new ArrayList<>();
        IngressTlsSpec tls = spec.getTls();
        if (tls != null && set(tls.getIssuer()) && set(tls.getClusterIssuer())) {
            problems.add("Set tls.issuer or tls.clusterIssuer, not both");
        }
        if (spec.getHttpRoute() != null) {
            List<GatewayParentRef> parents = spec.getHttpRoute().getParentRefs();
            if (parents == null || parents.isEmpty()) {
                problems.add("spec.httpRoute needs at least one parentRef");
            } else if (parents.stream().anyMatch(p -> p == null || !set(p.getName()))) {
                problems.add("every spec.httpRoute.parentRefs entry needs a name");
            }
            if (tls != null && (set(tls.getSecretName()) || tls.certManager())) {
                problems.add("With spec.httpRoute the Gateway's listener holds the certificate: "
                        + "set tls: {} and leave tls.secretName, tls.issuer and tls.clusterIssuer unset");
            }
        }
        return problems;
    }

    private static boolean set(String s) {
        return s != null && !s.isBlank();
    }
}
