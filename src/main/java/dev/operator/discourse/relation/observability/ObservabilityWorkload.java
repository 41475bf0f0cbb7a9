package dev.operator.discourse.relation.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.PrometheusSpec;
import dev.operator.discourse.workload.WorkloadNames;
import dev.operator.discourse.workload.WorkloadPatch;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * The relation's fields on the workload: the scrape annotations, only while no PodMonitor does the job (a
 * Prometheus honouring both would scrape twice), and the plugin's trusted-IP regex when the user sets one.
 * Nothing for the logs: Discourse's log files reach stdout through the image, and no env var changes that.
 */
public final class ObservabilityWorkload {

    /** The discourse-prometheus plugin's GlobalSetting prometheus_trusted_ip_allowlist_regex. */
    public static final String TRUSTED_IP_ENV = "DISCOURSE_PROMETHEUS_TRUSTED_IP_ALLOWLIST_REGEX";
    public static final String SCRAPE = "prometheus.io/scrape";
    public static final String PORT = "prometheus.io/port";
    public static final String PATH = "prometheus.io/path";
    public static final String METRICS_PATH = "/metrics";

    private ObservabilityWorkload() {
    }

    public static StatefulSet intent(ObservabilityRelation relation, ObservabilityPlan plan) {
        return WorkloadPatch.of(relation.getSpec().instanceName(), relation.getMetadata().getNamespace(),
                env(relation.getSpec().getPrometheus(), plan), annotations(plan));
    }

    static List<EnvVar> env(PrometheusSpec prometheus, ObservabilityPlan plan) {
        if (plan.scrape() == ObservabilityPlan.Scrape.DISABLED || prometheus == null
                || prometheus.getTrustedIpAllowlistRegex() == null || prometheus.getTrustedIpAllowlistRegex().isBlank()) {
            return List.of();
        }
        return List.of(new EnvVarBuilder().withName(TRUSTED_IP_ENV).withValue(prometheus.getTrustedIpAllowlistRegex())
                .build());
    }

    static Map<String, String> annotations(ObservabilityPlan plan) {
        if (plan.scrape() != ObservabilityPlan.Scrape.ANNOTATIONS) {
            return Map.of();
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SCRAPE, "true");
        annotations.put(PORT, Integer.toString(WorkloadNames.HTTP_PORT));
        annotations.put(PATH, METRICS_PATH);
        return annotations;
    }
}
