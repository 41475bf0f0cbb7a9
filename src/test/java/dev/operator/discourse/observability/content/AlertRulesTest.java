package dev.operator.discourse.observability.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.observability.content.QueryValidator.LabelMatcher;
import dev.operator.discourse.observability.content.QueryValidator.Result;
import dev.operator.discourse.observability.content.QueryValidator.Results;

class AlertRulesTest {

    @Test
    void shipsTheAlertsTheOperatorPromises() {
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        for (AlertRule r : DiscourseAlertRules.rules()) {
            assertThat(byName.put(r.name(), r)).as("duplicate alert %s", r.name()).isNull();
        }
        assertThat(byName).containsOnlyKeys(
                "DiscourseTargetDown",
                "DiscourseHighErrorRatio",
                "DiscourseLatestPageSlow",
                "DiscourseSidekiqQueueLatencyHigh",
                "DiscourseSidekiqNoProgress",
                "DiscourseSidekiqJobStuck",
                "DiscoursePostgresPrimaryUnavailable",
                "DiscourseRedisPrimaryUnavailable",
                "DiscourseRequestsQueued");

        // The charm's only rule, kept as it was: critical.
        AlertRule down = byName.get("DiscourseTargetDown");
        assertThat(down.expr()).isEqualTo("up{" + DiscourseAlertRules.DEFAULT_SELECTOR + "} == 0");
        assertThat(down.severity()).isEqualTo("critical");
        assertThat(byName.get("DiscoursePostgresPrimaryUnavailable").expr())
                .contains("discourse_postgres_primary_available").endsWith("== 0");
        assertThat(byName.get("DiscourseRedisPrimaryUnavailable").expr())
                .contains("discourse_redis_primary_available").endsWith("== 0");
        assertThat(byName.get("DiscourseLatestPageSlow").expr())
                .contains("controller=\"list\", action=\"latest\"");
    }

    @Test
    void rulesAreWellFormed() {
        for (AlertRule r : DiscourseAlertRules.rules()) {
            assertThat(r.name()).matches("Discourse[A-Z][A-Za-z0-9]*");
            assertThat(r.forDuration()).as(r.name()).matches("\\d+[smh]");
            assertThat(r.severity()).as(r.name()).isIn("critical", "warning");
            assertThat(r.summary()).as(r.name()).isNotBlank();
            assertThat(r.description()).as(r.name()).isNotBlank();
            assertThat(r.labels()).containsExactly(Map.entry("severity", r.severity()));
            assertThat(r.annotations()).containsOnlyKeys("summary", "description");
            assertThat(r.annotations().keySet().iterator().next()).isEqualTo("summary");
            // Prometheus templates: every opened action must be closed.
            for (String text : List.of(r.summary(), r.description())) {
                assertThat(count(text, "{{")).as("template braces in %s", r.name()).isEqualTo(count(text, "}}"));
            }
        }
    }

    @Test
    void expressionsParseAndUseOnlyKnownMetrics() {
        List<List<AlertRule>> variants = List.of(
                DiscourseAlertRules.rules(),
                DiscourseAlertRules.rules("forum", "forum"),
                // Values that need escaping must still produce valid PromQL.
                DiscourseAlertRules.rules("we\"ird\\ns", "job\nname"),
                DiscourseAlertRules.rules("namespace=~\"prod-.*\", service=\"discourse\""));
        List<String> exprs = variants.stream().flatMap(List::stream).map(AlertRule::expr).toList();
        Results results = QueryValidator.require().promql(exprs);

        assertThat(QueryValidator.invalid(results.promql())).as("invalid alert expressions").isEmpty();
        Set<String> known = new HashSet<>(DiscourseMetrics.NAMES);
        known.add("up");
        assertThat(QueryValidator.unknownMetrics(results.promql(), known, regex -> false)).isEmpty();
    }

    @Test
    void everySelectorCarriesTheTargetMatchers() {
        List<AlertRule> rules = DiscourseAlertRules.rules("forum", "forum-web");
        Results results = QueryValidator.require().promql(rules.stream().map(AlertRule::expr).toList());
        List<String> unscoped = new ArrayList<>();
        for (Result r : results.promql()) {
            for (QueryValidator.Selector s : r.selectors()) {
                if (!s.has("namespace", "=", "forum") || !s.has("job", "=", "forum-web")) {
                    unscoped.add(s.metric() + " " + s.matchers());
                }
            }
            assertThat(r.selectors()).isNotEmpty();
        }
        assertThat(unscoped).as("selectors an alert would match on other targets").isEmpty();
    }

    @Test
    void escapedValuesRoundTripThroughTheParser() {
        List<AlertRule> rules = DiscourseAlertRules.rules("we\"ird\\ns", "x");
        Result down = QueryValidator.require().promql(List.of(rules.get(0).expr())).promql().get(0);
        assertThat(down.selectors().get(0).matchers())
                .contains(new LabelMatcher("namespace", "=", "we\"ird\\ns"), new LabelMatcher("job", "=", "x"));
    }

    @Test
    void selectorsAreBuiltAndGuarded() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", "forum");
        labels.put("service", "forum");
        assertThat(DiscourseAlertRules.selector(labels)).isEqualTo("namespace=\"forum\", service=\"forum\"");

        assertThatThrownBy(() -> DiscourseAlertRules.selector(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscourseAlertRules.selector(Map.of("bad-label", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscourseAlertRules.selector(Map.of("job", "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscourseAlertRules.rules(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscourseAlertRules.rules("{job=\"x\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }
}
