package dev.operator.discourse.relation.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.operator.discourse.observability.content.DashboardCatalog;

/** The shipped Loki rules, narrowed to one namespace by text replacement: nothing else may change. */
class DesiredLokiRulesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void everyRuleIsNarrowedToTheNamespaceAndNothingElseChanges() throws Exception {
        String shipped = DashboardCatalog.lokiRules();
        String scoped = DesiredLokiRules.scoped(shipped, "web");
        List<String> exprs = exprs(scoped);
        assertThat(exprs).hasSameSizeAs(exprs(shipped)).isNotEmpty()
                .allSatisfy(e -> assertThat(e).contains("{app_kubernetes_io_name=~\"discourse|discourse-sidekiq\", namespace=\"web\"}")
                        .doesNotContain(DesiredLokiRules.SHIPPED_SELECTOR));
        // Undo the one change: the rest is the shipped file, comments included.
        assertThat(scoped.replace("{app_kubernetes_io_name=~\"discourse|discourse-sidekiq\", namespace=\"web\"}",
                DesiredLokiRules.SHIPPED_SELECTOR)).isEqualTo(shipped.endsWith("\n") ? shipped : shipped + "\n");
        assertThat(YAML.readTree(scoped).path("groups").get(0).path("rules").get(0).path("alert").asText())
                .isEqualTo(YAML.readTree(shipped).path("groups").get(0).path("rules").get(0).path("alert").asText());
    }

    @Test
    void theConfigMapKeyNamesNamespaceAndRelationSoSidecarFilesNeverCollide() {
        var map = DesiredLokiRules.build(TestObservabilityRelations.relation("obs", "forum"));
        assertThat(map.getData()).containsOnlyKeys("discourse-log-alerts-web-obs.yaml");
        assertThat(map.getMetadata().getLabels()).containsEntry("loki_rule", "1");
        assertThat(map.getMetadata().getName()).isEqualTo("obs-loki-rules");
    }

    static List<String> exprs(String rules) throws Exception {
        List<String> exprs = new ArrayList<>();
        for (JsonNode g : YAML.readTree(rules).path("groups")) {
            for (JsonNode r : g.path("rules")) {
                exprs.add(r.path("expr").asText());
            }
        }
        return exprs;
    }
}
