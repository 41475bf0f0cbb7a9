package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DashboardDelivery;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.relation.observability.ObservabilityConditions.Part;

/** Each part of the plan says what it delivered, or why not, in one condition. */
class ObservabilityConditionsTest {

    private final ObservabilityRelation relation = TestObservabilityRelations.relation("obs", "forum");

    private List<String> said(ServedApis apis) {
        return ObservabilityConditions.of(relation, ObservabilityPlan.of(relation.getSpec(), apis)).stream()
                .map(p -> p.type() + "=" + p.status() + "/" + p.reason()).toList();
    }

    @Test
    void everythingServed() {
        assertThat(said(ServedApis.all())).containsExactly("MetricsScraped=true/PodMonitor",
                "AlertRulesDelivered=true/PrometheusRuleApplied", "DashboardsDelivered=true/GrafanaDashboards",
                "LogRulesDelivered=true/ConfigMap");
    }

    @Test
    void nothingServedSaysWhichCrdIsMissingWithoutFailingTheRest() {
        assertThat(said(ServedApis.none())).containsExactly("MetricsScraped=true/ScrapeAnnotations",
                "AlertRulesDelivered=false/CrdNotInstalled", "DashboardsDelivered=true/ConfigMaps",
                "LogRulesDelivered=true/ConfigMap");
        Part rules = ObservabilityConditions.of(relation, ObservabilityPlan.of(relation.getSpec(), ServedApis.none())).get(1);
        assertThat(rules.message()).isEqualTo("the cluster does not serve monitoring.coreos.com/v1 PrometheusRule "
                + "(the Prometheus Operator's CRDs are not installed)");
    }

    @Test
    void aGrafanaDashboardAskedForButNotServedIsACrdNotInstalled() {
        relation.getSpec().getGrafana().setDelivery(DashboardDelivery.GRAFANA_DASHBOARD);
        assertThat(said(ServedApis.of(MonitoringApis.POD_MONITOR))).contains("DashboardsDelivered=false/CrdNotInstalled");
    }

    @Test
    void disabledPartsSaySoRatherThanBlameTheCluster() {
        relation.getSpec().getPrometheus().setEnabled(false);
        relation.getSpec().getGrafana().setEnabled(false);
        relation.getSpec().getLoki().setEnabled(false);
        assertThat(said(ServedApis.none())).containsExactly("MetricsScraped=false/Disabled",
                "AlertRulesDelivered=false/Disabled", "DashboardsDelivered=false/Disabled",
                "LogRulesDelivered=false/Disabled");
    }

    @Test
    void theMessagesNameWhatToLookFor() {
        List<Part> parts = ObservabilityConditions.of(relation, ObservabilityPlan.of(relation.getSpec(), ServedApis.none()));
        assertThat(parts.get(0).message()).isEqualTo(
                "prometheus.io/scrape, /port and /path annotations on the pod template of StatefulSet forum");
        assertThat(parts.get(2).message()).isEqualTo("ConfigMaps labelled grafana_dashboard=1 for the Grafana sidecar");
        assertThat(parts.get(3).message()).isEqualTo(
                "ConfigMap obs-loki-rules labelled loki_rule=1 for the Loki ruler's sidecar");
    }
}
