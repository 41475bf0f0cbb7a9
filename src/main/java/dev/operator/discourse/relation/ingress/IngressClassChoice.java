package dev.operator.discourse.relation.ingress;

import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;

/**
 * Which IngressClass the Ingress gets, decided from the classes the cluster has. A named class that does
 * not exist is a condition to report, not an error to retry: nothing serves such an Ingress.
 */
public record IngressClassChoice(boolean found, String className, String reason, String message) {

    public static final String CONDITION = "IngressClassFound";
    static final String DEFAULT_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    /**
     * Without a requested class the cluster's default is written into the Ingress rather than left to the API
     * server's admission: a field the API server fills in on create would be dropped by the next apply.
     */
    public static IngressClassChoice of(String requested, List<IngressClass> classes) {
        if (requested != null && !requested.isBlank()) {
            boolean exists = classes.stream().anyMatch(c -> requested.equals(c.getMetadata().getName()));
            return exists
                    ? new IngressClassChoice(true, requested, "IngressClassFound", "IngressClass " + requested)
                    : new IngressClassChoice(false, requested, "IngressClassNotFound",
                            "IngressClass " + requested + " does not exist in the cluster");
        }
        return classes.stream()
                .filter(c -> c.getMetadata().getAnnotations() != null
                        && "true".equals(c.getMetadata().getAnnotations().get(DEFAULT_ANNOTATION)))
                .map(c -> c.getMetadata().getName()).sorted().findFirst()
                .map(name -> new IngressClassChoice(true, name, "DefaultIngressClass",
                        "No ingressClassName given: the cluster's default IngressClass " + name + " applies"))
                .orElseGet(() -> new IngressClassChoice(true, null, "NoIngressClass",
                        "No ingressClassName given and the cluster has no default IngressClass: only a controller "
                                + "that serves Ingresses without a class will serve it"));
    }
}
