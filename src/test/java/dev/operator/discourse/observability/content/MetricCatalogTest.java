package dev.operator.discourse.observability.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricCatalogTest {

    @Test
    void discourseNamesCoverReferenceSection6() {
        assertThat(DiscourseMetrics.REFERENCE_NAMES).hasSize(20).doesNotHaveDuplicates();
        assertThat(DiscourseMetrics.NAMES).containsAll(DiscourseMetrics.REFERENCE_NAMES);
        assertThat(DiscourseMetrics.NAMES).containsAll(DiscourseMetrics.PLUGIN_SOURCE_NAMES);
        assertThat(DiscourseMetrics.NAMES).allMatch(n -> n.startsWith("discourse_"));
        // prometheus_exporter counters have no _total suffix; a _total here would be an invented name.
        assertThat(DiscourseMetrics.NAMES).noneMatch(n -> n.endsWith("_total"));
    }

    @Test
    void operatorNamesFollowMicrometersPrometheusConvention() {
        assertThat(OperatorMetrics.NAMES).allMatch(n -> n.startsWith("operator_sdk_"));
        assertThat(OperatorMetrics.NAMES).allMatch(n -> n.matches("[a-z_]+"));
        assertThat(OperatorMetrics.NAMES).filteredOn(n -> n.contains("_seconds_"))
                .allMatch(n -> n.matches(".*_seconds_(bucket|count|sum|max)"));
        assertThat(OperatorMetrics.perControllerName(OperatorMetrics.EXECUTIONS_PREFIX, "discourse-reconciler.v1"))
                .isEqualTo("operator_sdk_reconciliations_executions_discourse_reconciler_v1");
        assertThatThrownBy(() -> OperatorMetrics.perControllerName("operator_sdk_other_", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogPointsAtPackagedResources() {
        for (DashboardCatalog.Dashboard d : DashboardCatalog.dashboards()) {
            assertThat(d.resourcePath()).startsWith("dashboards/").endsWith(".json");
            assertThat(d.fileName()).isEqualTo(d.uid() + ".json");
            assertThat(d.read()).contains("\"uid\": \"" + d.uid() + "\"");
        }
        assertThat(DashboardCatalog.discourseDashboards()).doesNotContain(DashboardCatalog.OPERATOR);
        assertThat(DashboardCatalog.lokiRules()).startsWith("#");
        assertThatThrownBy(() -> DashboardCatalog.read("dashboards/missing.json"))
                .isInstanceOf(IllegalStateException.class);
    }
}
