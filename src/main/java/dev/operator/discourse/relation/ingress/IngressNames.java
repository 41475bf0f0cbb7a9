package dev.operator.discourse.relation.ingress;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.IngressRelation;
import dev.operator.discourse.api.v1alpha1.IngressRelationSpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Names, labels and the metadata shared by the Ingress and the HTTPRoute a relation makes. */
public final class IngressNames {

    public static final String COMPONENT = "ingress";

    private IngressNames() {
    }

    /** The Ingress or HTTPRoute is named after the relation, so two relations never write the same object. */
    public static String route(IngressRelation relation) {
        return relation.getMetadata().getName();
    }

    /** The Secret cert-manager writes to when the spec names an issuer but no Secret. */
    public static String certManagerSecret(String instance) {
        return instance + "-tls";
    }

    /** The Secret the Ingress names for TLS; null for the controller's default certificate or no TLS. */
    public static String tlsSecret(IngressRelationSpec spec) {
        if (!spec.tlsEnabled()) {
            return null;
        }
        String given = spec.getTls().getSecretName();
        if (given != null && !given.isBlank()) {
            return given;
        }
        return spec.getTls().certManager() ? certManagerSecret(spec.instanceName()) : null;
    }

    public static String url(IngressRelationSpec spec, String hostname) {
        return (spec.tlsEnabled() ? "https://" : "http://") + hostname;
    }

    static Map<String, String> labels(String instance) {
        Map<String, String> labels = new LinkedHashMap<>(WorkloadNames.selectorLabels(instance));
        labels.put(WorkloadNames.LABEL_COMPONENT, COMPONENT);
        labels.put(WorkloadNames.LABEL_MANAGED_BY, WorkloadNames.MANAGED_BY);
        return labels;
    }

    /**
     * Owned by the relation, so the garbage collector removes it with the relation even when the operator is
     * not running; the reconciler's cleanup deletes it too, without waiting for the collector.
     */
    static ObjectMeta metadata(IngressRelation relation, Map<String, String> annotations) {
        return new ObjectMetaBuilder()
                .withName(route(relation))
                .withNamespace(relation.getMetadata().getNamespace())
                .withLabels(labels(relation.getSpec().instanceName()))
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(HasMetadata.getApiVersion(IngressRelation.class))
                        .withKind(HasMetadata.getKind(IngressRelation.class))
                        .withName(relation.getMetadata().getName())
                        .withUid(relation.getMetadata().getUid())
                        .withController(true)
                        .build())
                .build();
    }
}
