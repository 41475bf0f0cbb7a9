package dev.operator.discourse.workload;

import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of the objects derived from one DiscourseInstance, shared by every reconciler. */
public final class WorkloadNames {

    public static final String CONTAINER = "discourse";
    public static final int HTTP_PORT = 3000;
    public static final String HTTP_PORT_NAME = "http";
    public static final String MANAGED_BY = "discourse-operator";
    public static final String LABEL_NAME = "app.kubernetes.io/name";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    /** Informers watch only what the operator made, not every Secret or Service in the cluster. */
    public static final String MANAGED_SELECTOR = LABEL_MANAGED_BY + "=" + MANAGED_BY;

    private WorkloadNames() {
    }

    public static String statefulSet(String instance) {
        return instance;
    }

    /** The Sidekiq workload, when it runs on its own (spec.sidekiq.mode: Separate). */
    public static String sidekiqStatefulSet(String instance) {
        return instance + "-sidekiq";
    }

    public static String webDisruptionBudget(String instance) {
        return instance;
    }

    public static String sidekiqDisruptionBudget(String instance) {
        return sidekiqStatefulSet(instance);
    }

    public static String networkPolicy(String instance) {
        return instance;
    }

    /** Every workload an instance can have, web first: what the relations apply to. */
    public static java.util.List<String> workloads(String instance) {
        return java.util.List.of(statefulSet(instance), sidekiqStatefulSet(instance));
    }

    public static String service(String instance) {
        return instance;
    }

    public static String headlessService(String instance) {
        return instance + "-headless";
    }

    public static String secretKeyBaseSecret(String instance) {
        return instance + "-secret-key-base";
    }

    public static String uploadsClaim(String instance) {
        return instance + "-uploads";
    }

    /** Labels that select the instance's pods; never change them, a StatefulSet selector is immutable. */
    public static Map<String, String> selectorLabels(String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_NAME, "discourse");
        labels.put(LABEL_INSTANCE, instance);
        return labels;
    }

    public static Map<String, String> labels(String instance) {
        Map<String, String> labels = selectorLabels(instance);
        labels.put(LABEL_COMPONENT, "web");
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        return labels;
    }

    /**
     * The Sidekiq pods' selector. Its name label differs from web's, so that neither the web StatefulSet's
     * selector (fixed when it was made, without a component) nor the Services ever match a Sidekiq pod.
     */
    public static Map<String, String> sidekiqSelectorLabels(String instance) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_NAME, "discourse-sidekiq");
        labels.put(LABEL_INSTANCE, instance);
        return labels;
    }

    public static Map<String, String> sidekiqLabels(String instance) {
        Map<String, String> labels = sidekiqSelectorLabels(instance);
        labels.put(LABEL_COMPONENT, "sidekiq");
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        return labels;
    }

    /** The instance a workload of the operator's belongs to, from its label; null for anything else. */
    public static String instanceOf(io.fabric8.kubernetes.api.model.HasMetadata workload) {
        var labels = workload.getMetadata().getLabels();
        return labels == null || !MANAGED_BY.equals(labels.get(LABEL_MANAGED_BY)) ? null : labels.get(LABEL_INSTANCE);
    }

    /** The label selector of the web pods, as the scale subresource states it. */
    public static String webSelector(String instance) {
        StringBuilder selector = new StringBuilder();
        selectorLabels(instance).forEach((k, v) -> selector.append(selector.length() == 0 ? "" : ",").append(k)
                .append('=').append(v));
        return selector.toString();
    }
}
