package dev.operator.discourse.relation.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.PrometheusSpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The PodMonitor of a relation, as a generic resource: the CRD may be absent, so no typed model is tied to it.
 *
 * <p>A PodMonitor rather than a ServiceMonitor: the instance's two Services (ClusterIP and headless) carry the
 * same labels, so a ServiceMonitor would scrape every pod twice; and a pod that is not ready drops out of a
 * Service's endpoints, so "target down" could never fire for it. The selector is the StatefulSet's own pod
 * selector, which migration Job pods do not match (they are not serving). The job label is the instance's name
 * and the pod's name/instance labels are copied onto the series, which is what the alert rules and the
 * dashboards select on.
 */
public final class DesiredPodMonitor {

    private DesiredPodMonitor() {
    }

    public static GenericKubernetesResource build(ObservabilityRelation relation) {
        String instance = relation.getSpec().instanceName();
        PrometheusSpec prometheus = relation.getSpec().getPrometheus();

        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", WorkloadNames.HTTP_PORT_NAME);
        endpoint.put("path", ObservabilityWorkload.METRICS_PATH);
        if (prometheus.getInterval() != null && !prometheus.getInterval().isBlank()) {
            endpoint.put("interval", prometheus.getInterval());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", WorkloadNames.selectorLabels(instance)));
        spec.put("jobLabel", WorkloadNames.LABEL_INSTANCE);
        spec.put("podTargetLabels", List.of(WorkloadNames.LABEL_NAME, WorkloadNames.LABEL_INSTANCE));
        spec.put("podMetricsEndpoints", List.of(endpoint));

        GenericKubernetesResource monitor = new GenericKubernetesResource();
        monitor.setApiVersion(MonitoringApis.POD_MONITOR.apiVersion());
        monitor.setKind(MonitoringApis.POD_MONITOR.kind());
        monitor.setMetadata(ObservabilityNames.metadata(relation, ObservabilityNames.podMonitor(relation),
                userLabels(prometheus), null));
        monitor.setAdditionalProperty("spec", spec);
        return monitor;
    }

    static Map<String, String> userLabels(PrometheusSpec prometheus) {
        return prometheus.getLabels() == null ? Map.of() : prometheus.getLabels();
    }
}
