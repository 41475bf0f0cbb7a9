package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DashboardDelivery;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.api.v1alpha1.ScrapeMethod;
import dev.operator.discourse.relation.observability.ObservabilityPlan.Dashboards;
import dev.operator.discourse.relation.observability.ObservabilityPlan.Scrape;

/** What a relation delivers for each combination of spec and served kinds, without a cluster. */
class ObservabilityPlanTest {

    private final ObservabilityRelationSpec spec = TestObservabilityRelations.relation("obs", "forum").getSpec();

    @Test
    void withEveryCrdServedTheDefaultsUseThemAllAndNeedNoRecheck() {
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.all());
        assertThat(plan.scrape()).isEqualTo(Scrape.POD_MONITOR);
        assertThat(plan.alertRules()).isTrue();
        assertThat(plan.dashboards()).isEqualTo(Dashboards.GRAFANA_DASHBOARD);
        assertThat(plan.lokiRules()).isTrue();
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.recheck()).isFalse();
    }

    @Test
    void withoutCrdsTheRestStillWorksAndTheSkipsAreSaid() {
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.none());
        assertThat(plan.scrape()).isEqualTo(Scrape.ANNOTATIONS);
        assertThat(plan.alertRules()).isFalse();
        assertThat(plan.dashboards()).isEqualTo(Dashboards.CONFIG_MAP);
        assertThat(plan.lokiRules()).isTrue();
        assertThat(plan.skipped()).containsExactly(
                "PodMonitor: the cluster does not serve monitoring.coreos.com/v1 PodMonitor (the Prometheus Operator's "
                        + "CRDs are not installed); scrape annotations on the pod template instead",
                "PrometheusRule: the cluster does not serve monitoring.coreos.com/v1 PrometheusRule (the Prometheus "
                        + "Operator's CRDs are not installed); no alert rules for Prometheus");
        assertThat(plan.recheck()).isTrue();
    }

    @Test
    void autoDashboardsFallBackToConfigMapsWithoutCallingItASkipButLookAgain() {
        ObservabilityPlan plan = ObservabilityPlan.of(spec,
                ServedApis.of(MonitoringApis.POD_MONITOR, MonitoringApis.PROMETHEUS_RULE));
        assertThat(plan.dashboards()).isEqualTo(Dashboards.CONFIG_MAP);
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.recheck()).as("grafana-operator installed later moves the dashboards").isTrue();
    }

    @Test
    void configMapDashboardsAreKeptEvenWhereGrafanaOperatorIsServed() {
        spec.getGrafana().setDelivery(DashboardDelivery.CONFIG_MAP);
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.all());
        assertThat(plan.dashboards()).isEqualTo(Dashboards.CONFIG_MAP);
        assertThat(plan.recheck()).isFalse();
    }

    @Test
    void grafanaDashboardsAskedForButNotServedAreSkippedNotReplaced() {
        spec.getGrafana().setDelivery(DashboardDelivery.GRAFANA_DASHBOARD);
        ObservabilityPlan plan = ObservabilityPlan.of(spec,
                ServedApis.of(MonitoringApis.POD_MONITOR, MonitoringApis.PROMETHEUS_RULE));
        assertThat(plan.dashboards()).isEqualTo(Dashboards.SKIPPED);
        assertThat(plan.skipped()).singleElement().asString().startsWith("GrafanaDashboard: the cluster does not serve "
                + "grafana.integreatly.org/v1beta1 GrafanaDashboard");
        assertThat(plan.recheck()).isTrue();
    }

    @Test
    void annotationsAskedForAreUsedEvenWithAPodMonitorAvailable() {
        spec.getPrometheus().setScrape(ScrapeMethod.ANNOTATIONS);
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.all());
        assertThat(plan.scrape()).isEqualTo(Scrape.ANNOTATIONS);
        assertThat(plan.alertRules()).isTrue();
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.recheck()).isFalse();
    }

    @Test
    void disabledPartsAreNeitherDeliveredNorSkippedNorRechecked() {
        spec.getPrometheus().setEnabled(false);
        spec.getGrafana().setEnabled(false);
        spec.getLoki().setEnabled(false);
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.none());
        assertThat(plan.scrape()).isEqualTo(Scrape.DISABLED);
        assertThat(plan.alertRules()).isFalse();
        assertThat(plan.dashboards()).isEqualTo(Dashboards.DISABLED);
        assertThat(plan.lokiRules()).isFalse();
        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.recheck()).isFalse();
    }

    @Test
    void alertRulesOffLeavesScrapingAlone() {
        spec.getPrometheus().setAlertRules(false);
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.of(MonitoringApis.POD_MONITOR));
        assertThat(plan.scrape()).isEqualTo(Scrape.POD_MONITOR);
        assertThat(plan.alertRules()).isFalse();
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void nullSubSpecsMeanTheDefaults() {
        spec.setPrometheus(null);
        spec.setGrafana(null);
        spec.setLoki(null);
        ObservabilityPlan plan = ObservabilityPlan.of(spec, ServedApis.all());
        assertThat(plan.scrape()).isEqualTo(Scrape.POD_MONITOR);
        assertThat(plan.dashboards()).isEqualTo(Dashboards.GRAFANA_DASHBOARD);
        assertThat(plan.lokiRules()).isTrue();
    }
}
