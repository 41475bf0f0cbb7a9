package dev.operator.discourse.relation.observability;

import java.util.ArrayList;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.DashboardDelivery;
import dev.operator.discourse.api.v1alpha1.GrafanaSpec;
import dev.operator.discourse.api.v1alpha1.LokiSpec;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.api.v1alpha1.PrometheusSpec;
import dev.operator.discourse.api.v1alpha1.ScrapeMethod;

/**
 * What a relation delivers, decided from its spec and the kinds the cluster serves, without a cluster. A kind
 * that is not served is never an error: the plan says what was skipped, and whether it is worth looking again
 * (an install later is noticed on the next look).
 *
 * @param scrape      how Prometheus finds the pods
 * @param alertRules  whether a PrometheusRule is delivered
 * @param dashboards  the form of the dashboards
 * @param lokiRules   whether the Loki rules ConfigMap is delivered
 * @param skipped     one sentence per part not delivered as asked for lack of a kind, with what was done instead
 * @param recheck     whether some enabled part depends on a kind that is not served yet
 */
public record ObservabilityPlan(Scrape scrape, boolean alertRules, Dashboards dashboards, boolean lokiRules,
        List<String> skipped, boolean recheck) {

    public enum Scrape {
        POD_MONITOR("PodMonitor"), ANNOTATIONS("Annotations"), DISABLED("Disabled");

        private final String label;

        Scrape(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Dashboards {
        CONFIG_MAP("ConfigMap"), GRAFANA_DASHBOARD("GrafanaDashboard"), SKIPPED("Skipped"), DISABLED("Disabled");

        private final String label;

        Dashboards(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ObservabilityPlan {
        skipped = List.copyOf(skipped);
    }

    public static ObservabilityPlan of(ObservabilityRelationSpec spec, ServedApis apis) {
        List<String> skipped = new ArrayList<>();
        boolean recheck = false;

        PrometheusSpec prometheus = spec.getPrometheus() == null ? new PrometheusSpec() : spec.getPrometheus();
        Scrape scrape = Scrape.DISABLED;
        boolean alertRules = false;
        if (prometheus.isEnabled()) {
            scrape = Scrape.ANNOTATIONS;
            if (prometheus.getScrape() != ScrapeMethod.ANNOTATIONS) {
                if (apis.serves(MonitoringApis.POD_MONITOR)) {
                    scrape = Scrape.POD_MONITOR;
                } else {
                    skipped.add("PodMonitor: " + MonitoringApis.POD_MONITOR.notServed()
                            + "; scrape annotations on the pod template instead");
                    recheck = true;
                }
            }
            if (prometheus.isAlertRules()) {
                alertRules = apis.serves(MonitoringApis.PROMETHEUS_RULE);
                if (!alertRules) {
                    skipped.add("PrometheusRule: " + MonitoringApis.PROMETHEUS_RULE.notServed()
                            + "; no alert rules for Prometheus");
                    recheck = true;
                }
            }
        }

        GrafanaSpec grafana = spec.getGrafana() == null ? new GrafanaSpec() : spec.getGrafana();
        Dashboards dashboards = Dashboards.DISABLED;
        if (grafana.isEnabled()) {
            boolean operatorServed = apis.serves(MonitoringApis.GRAFANA_DASHBOARD);
            DashboardDelivery delivery = grafana.getDelivery() == null ? DashboardDelivery.AUTO : grafana.getDelivery();
            switch (delivery) {
                case CONFIG_MAP -> dashboards = Dashboards.CONFIG_MAP;
                case GRAFANA_DASHBOARD -> {
                    dashboards = operatorServed ? Dashboards.GRAFANA_DASHBOARD : Dashboards.SKIPPED;
                    if (!operatorServed) {
                        skipped.add("GrafanaDashboard: " + MonitoringApis.GRAFANA_DASHBOARD.notServed()
                                + "; no dashboards");
                    }
                }
                default -> dashboards = operatorServed ? Dashboards.GRAFANA_DASHBOARD : Dashboards.CONFIG_MAP;
            }
            // Auto falling back to ConfigMaps is a full delivery, not a skip; it is still looked at again, so
            // installing grafana-operator later moves the dashboards over.
            recheck |= delivery != DashboardDelivery.CONFIG_MAP && !operatorServed;
        }

        LokiSpec loki = spec.getLoki() == null ? new LokiSpec() : spec.getLoki();
        return new ObservabilityPlan(scrape, alertRules, dashboards, loki.isEnabled(), skipped, recheck);
    }
}
