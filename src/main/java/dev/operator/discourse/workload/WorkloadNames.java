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
}
