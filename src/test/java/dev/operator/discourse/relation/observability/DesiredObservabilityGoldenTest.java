package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.observability.content.DashboardCatalog;
import dev.operator.discourse.observability.content.DiscourseAlertRules;
import dev.operator.discourse.testsupport.GoldenFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The objects a relation makes, for representative specs, as reviewed YAML. The dashboards' JSON is replaced by
 * a marker in the golden files (it is the shipped file, checked byte for byte below, and reviewed in grafana/).
 */
class DesiredObservabilityGoldenTest {

    static ObservabilityRelation customised() {
        ObservabilityRelation r = TestObservabilityRelations.relation("forum-obs", "forum");
        r.getSpec().getPrometheus().setInterval("15s");
        r.getSpec().getPrometheus().setLabels(Map.of("release", "kube-prometheus-stack"));
        r.getSpec().getGrafana().setFolder("Forums");
        r.getSpec().getGrafana().setSidecarLabel("example.com/dashboard");
        r.getSpec().getGrafana().setSidecarLabelValue("yes");
        r.getSpec().getGrafana().setInstanceSelector(Map.of("grafana", "main"));
        r.getSpec().getLoki().setSidecarLabelValue("true");
        return r;
    }

    @Test
    void podMonitor() {
        GoldenFiles.assertMatches("observability-podmonitor.yaml",
                Serialization.asYaml(DesiredPodMonitor.build(customised())));
    }

    @Test
    void podMonitorWithDefaultsLeavesTheIntervalToPrometheus() {
        GenericKubernetesResource monitor = DesiredPodMonitor.build(TestObservabilityRelations.relation("obs", "forum"));
        assertThat(monitor.<Object>get("spec", "podMetricsEndpoints", 0)).isEqualTo(Map.of("port", "http", "path", "/metrics"));
        assertThat(monitor.getMetadata().getLabels()).doesNotContainKey("release");
    }

    @Test
    void prometheusRule() {
        GoldenFiles.assertMatches("observability-prometheusrule.yaml",
                Serialization.asYaml(DesiredPrometheusRule.build(customised())));
    }

    @Test
    void thePrometheusRuleCarriesEveryShippedAlertScopedToTheInstance() {
        GenericKubernetesResource rule = DesiredPrometheusRule.build(customised());
        List<Map<String, Object>> rules = rule.get("spec", "groups", 0, "rules");
        assertThat(rules).extracting(r -> r.get("alert"))
                .containsExactlyElementsOf(DiscourseAlertRules.rules().stream().map(a -> a.name()).toList())
                .contains("DiscourseTargetDown", "DiscourseHighErrorRatio", "DiscourseLatestPageSlow",
                        "DiscourseSidekiqQueueLatencyHigh", "DiscourseSidekiqNoProgress",
                        "DiscoursePostgresPrimaryUnavailable", "DiscourseRedisPrimaryUnavailable",
                        "DiscourseRequestsQueued");
        assertThat(rules).allSatisfy(r -> assertThat((String) r.get("expr"))
                .contains("namespace=\"web\", app_kubernetes_io_instance=\"forum\"")
                .doesNotContain(DiscourseAlertRules.DEFAULT_SELECTOR));
    }

    @Test
    void dashboardConfigMaps() {
        List<ConfigMap> maps = DesiredDashboards.configMaps(customised());
        assertThat(maps).extracting(c -> c.getMetadata().getName())
                .containsExactly("forum-obs-dashboard-discourse-overview", "forum-obs-dashboard-discourse-service-health");
        for (ConfigMap map : maps) {
            String key = map.getData().keySet().iterator().next();
            assertThat(map.getData()).hasSize(1);
            assertThat(map.getData().get(key)).isEqualTo(DashboardCatalog.read("dashboards/" + key));
        }
        GoldenFiles.assertMatches("observability-dashboard-configmap.yaml", Serialization.asYaml(
                new ConfigMapBuilder(maps.get(0)).withData(Map.of("discourse-overview.json", "<dashboards/discourse-overview.json>"))
                        .build()));
    }

    @Test
    void dashboardConfigMapsWithDefaultsCarryTheGrafanaChartsLabelAndNoFolder() {
        ConfigMap map = DesiredDashboards.configMaps(TestObservabilityRelations.relation("obs", "forum")).get(0);
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(map.getMetadata().getAnnotations()).isNull();
    }

    @Test
    void grafanaDashboards() {
        List<GenericKubernetesResource> dashboards = DesiredDashboards.grafanaDashboards(customised());
        assertThat(dashboards).hasSize(2);
        assertThat(dashboards.get(1).<String>get("spec", "json"))
                .isEqualTo(DashboardCatalog.read("dashboards/discourse-service-health.json"));
        GenericKubernetesResource first = dashboards.get(0);
        assertThat(first.<String>get("spec", "json")).isEqualTo(DashboardCatalog.OVERVIEW.read());
        Map<String, Object> spec = first.get("spec");
        spec.put("json", "<dashboards/discourse-overview.json>");
        GoldenFiles.assertMatches("observability-grafanadashboard.yaml", Serialization.asYaml(first));
    }

    @Test
    void theOperatorsOwnDashboardIsNotDeliveredPerInstance() {
        assertThat(DesiredDashboards.configMaps(customised()))
                .noneMatch(c -> c.getData().containsKey(DashboardCatalog.OPERATOR.fileName()));
    }

    @Test
    void lokiRulesConfigMap() {
        GoldenFiles.assertMatches("observability-loki-rules.yaml",
                Serialization.asYaml(DesiredLokiRules.build(customised())));
    }

    @Test
    void everyObjectIsOwnedByTheRelationAndFoundByItsLabels() {
        ObservabilityRelation r = customised();
        List<io.fabric8.kubernetes.api.model.HasMetadata> all = new java.util.ArrayList<>();
        all.add(DesiredPodMonitor.build(r));
        all.add(DesiredPrometheusRule.build(r));
        all.addAll(DesiredDashboards.configMaps(r));
        all.addAll(DesiredDashboards.grafanaDashboards(r));
        all.add(DesiredLokiRules.build(r));
        assertThat(all).allSatisfy(o -> {
            assertThat(ObservabilityNames.ownedBy(o, r)).isTrue();
            assertThat(o.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getKind()).isEqualTo("ObservabilityRelation");
                assertThat(ref.getApiVersion()).isEqualTo("discourse.operator.dev/v1alpha1");
                assertThat(ref.getController()).isTrue();
            });
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "forum")
                    .containsEntry("app.kubernetes.io/component", "observability")
                    .containsEntry("app.kubernetes.io/managed-by", "discourse-operator");
            assertThat(o.getMetadata().getNamespace()).isEqualTo("web");
        });
        assertThat(ObservabilityNames.ownedSelector("forum")).isEqualTo("app.kubernetes.io/instance=forum,"
                + "app.kubernetes.io/component=observability,app.kubernetes.io/managed-by=discourse-operator");
        ObservabilityRelation other = TestObservabilityRelations.relation("other", "forum");
        other.getMetadata().setUid("another-uid");
        assertThat(ObservabilityNames.ownedBy(DesiredPodMonitor.build(r), other)).isFalse();
    }

    @Test
    void aUserLabelCannotHideAnObjectFromItsRelation() {
        ObservabilityRelation r = customised();
        r.getSpec().getPrometheus().setLabels(Map.of("app.kubernetes.io/component", "mine", "team", "forum"));
        assertThat(DesiredPrometheusRule.build(r).getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "observability").containsEntry("team", "forum");
    }
}
