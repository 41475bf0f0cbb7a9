package dev.operator.discourse.relation.observability;

import java.util.List;

import dev.operator.discourse.api.v1alpha1.GrafanaSpec;
import dev.operator.discourse.api.v1alpha1.LokiSpec;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.PrometheusSpec;
import dev.operator.discourse.workload.WorkloadNames;

/** One condition per part of a plan: what was delivered, or why not (disabled, or the kind is not served). */
public final class ObservabilityConditions {

    public static final String METRICS_SCRAPED = "MetricsScraped";
    public static final String ALERT_RULES = "AlertRulesDelivered";
    public static final String DASHBOARDS = "DashboardsDelivered";
    public static final String LOG_RULES = "LogRulesDelivered";
    public static final String CRD_NOT_INSTALLED = "CrdNotInstalled";
    public static final String DISABLED = "Disabled";

    /** A condition to set; the relation's status keeps lastTransitionTime when nothing changed. */
    public record Part(String type, boolean status, String reason, String message) {
    }

    private ObservabilityConditions() {
    }

    public static List<Part> of(ObservabilityRelation relation, ObservabilityPlan plan) {
        return List.of(scrape(relation, plan), alertRules(relation, plan), dashboards(relation, plan),
                logRules(relation, plan));
    }

    private static Part scrape(ObservabilityRelation relation, ObservabilityPlan plan) {
        String instance = relation.getSpec().instanceName();
        return switch (plan.scrape()) {
            case POD_MONITOR -> new Part(METRICS_SCRAPED, true, "PodMonitor", "PodMonitor "
                    + ObservabilityNames.podMonitor(relation) + " scrapes the pods of " + instance + " on port "
                    + WorkloadNames.HTTP_PORT + ", " + ObservabilityWorkload.METRICS_PATH);
            case ANNOTATIONS -> new Part(METRICS_SCRAPED, true, "ScrapeAnnotations",
                    "prometheus.io/scrape, /port and /path annotations on the pod template of StatefulSet "
                            + WorkloadNames.statefulSet(instance));
            case DISABLED -> new Part(METRICS_SCRAPED, false, DISABLED, "spec.prometheus.enabled is false");
        };
    }

    private static Part alertRules(ObservabilityRelation relation, ObservabilityPlan plan) {
        PrometheusSpec prometheus = relation.getSpec().getPrometheus();
        if (plan.alertRules()) {
            return new Part(ALERT_RULES, true, "PrometheusRuleApplied", "PrometheusRule "
                    + ObservabilityNames.prometheusRule(relation) + " with the Discourse alerts for "
                    + relation.getSpec().instanceName());
        }
        if (!prometheus.isEnabled() || !prometheus.isAlertRules()) {
            return new Part(ALERT_RULES, false, DISABLED, "spec.prometheus.enabled or spec.prometheus.alertRules is false");
        }
        return new Part(ALERT_RULES, false, CRD_NOT_INSTALLED, MonitoringApis.PROMETHEUS_RULE.notServed());
    }

    private static Part dashboards(ObservabilityRelation relation, ObservabilityPlan plan) {
        GrafanaSpec grafana = relation.getSpec().getGrafana();
        return switch (plan.dashboards()) {
            case CONFIG_MAP -> new Part(DASHBOARDS, true, "ConfigMaps", "ConfigMaps labelled "
                    + grafana.getSidecarLabel() + "=" + grafana.getSidecarLabelValue() + " for the Grafana sidecar");
            case GRAFANA_DASHBOARD -> new Part(DASHBOARDS, true, "GrafanaDashboards",
                    "GrafanaDashboards for the Grafana resources labelled " + grafana.getInstanceSelector());
            case SKIPPED -> new Part(DASHBOARDS, false, CRD_NOT_INSTALLED, MonitoringApis.GRAFANA_DASHBOARD.notServed());
            case DISABLED -> new Part(DASHBOARDS, false, DISABLED, "spec.grafana.enabled is false");
        };
    }

    private static Part logRules(ObservabilityRelation relation, ObservabilityPlan plan) {
        LokiSpec loki = relation.getSpec().getLoki();
        if (!plan.lokiRules()) {
            return new Part(LOG_RULES, false, DISABLED, "spec.loki.enabled is false");
        }
        return new Part(LOG_RULES, true, "ConfigMap", "ConfigMap " + ObservabilityNames.lokiRules(relation)
                + " labelled " + loki.getSidecarLabel() + "=" + loki.getSidecarLabelValue()
                + " for the Loki ruler's sidecar");
    }
}
