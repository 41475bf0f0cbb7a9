package dev.operator.discourse.observability.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;
import dev.operator.discourse.api.v1alpha1.ObservabilityRelationSpec;
import dev.operator.discourse.relation.observability.DesiredLokiRules;
import dev.operator.discourse.relation.observability.DesiredPrometheusRule;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * The queries as an ObservabilityRelation delivers them, scoped to one instance, parsed with the same grammars as
 * the shipped content: scoping must neither break a query nor miss a selector.
 */
class DeliveredQueriesTest {

    @Test
    void thePrometheusRuleOfARelationParsesAndEverySelectorIsScopedToItsInstance() {
        List<Map<String, Object>> rules = DesiredPrometheusRule.build(relation()).get("spec", "groups", 0, "rules");
        List<String> exprs = rules.stream().map(r -> (String) r.get("expr")).toList();
        QueryValidator.Results results = QueryValidator.require().promql(exprs);
        assertThat(QueryValidator.invalid(results.promql())).as("invalid PromQL").isEmpty();
        for (QueryValidator.Result r : results.promql()) {
            assertThat(r.selectors()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.has("namespace", "=", "forums")).as(r.query()).isTrue();
                assertThat(s.has("app_kubernetes_io_instance", "=", "forum")).as(r.query()).isTrue();
            });
        }
    }

    @Test
    void theLokiRulesOfARelationParseAndEverySelectorIsScopedToItsNamespace() throws Exception {
        List<String> exprs = new ArrayList<>();
        for (JsonNode g : new YAMLMapper().readTree(DesiredLokiRules.scoped(DashboardCatalog.lokiRules(), "forums"))
                .path("groups")) {
            for (JsonNode r : g.path("rules")) {
                exprs.add(r.path("expr").asText());
            }
        }
        QueryValidator.Results results = QueryValidator.require().logql(exprs);
        assertThat(QueryValidator.invalid(results.logql())).as("invalid LogQL").isEmpty();
        for (QueryValidator.Result r : results.logql()) {
            assertThat(r.selectors()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.has("app_kubernetes_io_name", "=~", "discourse|discourse-sidekiq")).as(r.query()).isTrue();
                assertThat(s.has("namespace", "=", "forums")).as(r.query()).isTrue();
            });
        }
    }

    private static ObservabilityRelation relation() {
        ObservabilityRelation relation = new ObservabilityRelation();
        relation.setMetadata(new ObjectMetaBuilder().withName("obs").withNamespace("forums").withUid("u").build());
        ObservabilityRelationSpec spec = new ObservabilityRelationSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        relation.setSpec(spec);
        return relation;
    }
}
