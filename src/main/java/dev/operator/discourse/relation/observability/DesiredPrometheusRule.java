package dev.operator.discourse.relation.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.observability.content.AlertRule;
import dev.operator.discourse.observability.content.DiscourseAlertRules;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * The PrometheusRule of a relation: {@link DiscourseAlertRules} scoped to this one instance, so several
 * instances in one Prometheus never raise each other's alerts.
 */
public final class DesiredPrometheusRule {

    private DesiredPrometheusRule() {
    }

    /**
     * The series of one instance: its namespace and the pod label app.kubernetes.io/instance, which the
     * PodMonitor copies onto every series (and the usual pod-label relabelling of annotation scraping too).
     */
    public static String selector(ObservabilityRelation relation) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", relation.getMetadata().getNamespace());
        labels.put(prometheusLabel(WorkloadNames.LABEL_INSTANCE), relation.getSpec().instanceName());
        return DiscourseAlertRules.selector(labels);
    }

    public static GenericKubernetesResource build(ObservabilityRelation relation) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (AlertRule rule : DiscourseAlertRules.rules(selector(relation))) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("alert", rule.name());
            r.put("expr", rule.expr());
            r.put("for", rule.forDuration());
            r.put("labels", rule.labels());
            r.put("annotations", rule.annotations());
            rules.add(r);
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", DiscourseAlertRules.GROUP_NAME);
        group.put("rules", rules);

        GenericKubernetesResource rule = new GenericKubernetesResource();
        rule.setApiVersion(MonitoringApis.PROMETHEUS_RULE.apiVersion());
        rule.setKind(MonitoringApis.PROMETHEUS_RULE.kind());
        rule.setMetadata(ObservabilityNames.metadata(relation, ObservabilityNames.prometheusRule(relation),
                DesiredPodMonitor.userLabels(relation.getSpec().getPrometheus()), null));
        rule.setAdditionalProperty("spec", Map.of("groups", List.of(group)));
        return rule;
    }

    /** A Kubernetes label name as Prometheus' relabelling writes it: every other character becomes _. */
    static String prometheusLabel(String kubernetesLabel) {
        return kubernetesLabel.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
