package dev.operator.discourse.observability.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.observability.content.QueryValidator.Result;
import dev.operator.discourse.observability.content.QueryValidator.Results;

/**
 * The other tests are only as good as the validator: if it accepted anything, broken dashboards and rules would
 * pass. These queries are known good and known bad, so a validator that is not really parsing fails here.
 */
class QueryValidatorTest {

    @Test
    void rejectsBrokenPromql() {
        List<String> broken = List.of(
                "sum(rate(discourse_http_requests[5m])",          // unbalanced parenthesis
                "sum by (status (rate(discourse_http_requests[5m]))",
                "discourse_http_requests{status=~\"5..\"",         // unclosed matcher list
                "rate(discourse_http_requests[5m]) >",              // dangling operator
                "rate(discourse_http_requests)",                    // range function on an instant vector
                "up{job=~\"(\"}",                                   // regex that does not compile
                "notafunction(up)",
                "");
        Results results = QueryValidator.require().promql(broken);
        for (Result r : results.promql()) {
            assertThat(r.valid()).as("should be invalid: '%s'", r.query()).isFalse();
            assertThat(r.errors()).isNotEmpty();
        }
    }

    @Test
    void rejectsBrokenLogql() {
        List<String> broken = List.of(
                "sum(count_over_time({app_kubernetes_io_name=\"discourse\"} |= \"x\" [5m])) >",
                "{app_kubernetes_io_name=\"discourse\"",
                "count_over_time({app_kubernetes_io_name=\"discourse\"} |= [5m])",
                "{app_kubernetes_io_name=\"discourse\"} |~ \"(\"",
                "");
        Results results = QueryValidator.require().logql(broken);
        for (Result r : results.logql()) {
            assertThat(r.valid()).as("should be invalid: '%s'", r.query()).isFalse();
        }
    }

    @Test
    void acceptsValidQueriesAndExtractsSelectorsFromTheTree() {
        Results results = QueryValidator.require().validate(
                List.of("histogram_quantile(0.99, sum by (le) (rate(foo_seconds_bucket{a=\"b\", c=~\"d|e\"}[5m])))"
                        + " / on() group_left {__name__=~\"operator_sdk_reconciliations_executions_.+\"}"),
                List.of("sum by (pod) (count_over_time({app_kubernetes_io_name=\"discourse\"} |~ `E, \\[` [5m])) > 1",
                        "{app_kubernetes_io_name=\"discourse\"} |= \"rake aborted!\""));

        Result promql = results.promql().get(0);
        assertThat(promql.valid()).as(promql.errors().toString()).isTrue();
        assertThat(promql.selectors()).hasSize(2);
        assertThat(promql.selectors().get(0).metric()).isEqualTo("foo_seconds_bucket");
        assertThat(promql.selectors().get(0).has("a", "=", "b")).isTrue();
        assertThat(promql.selectors().get(0).has("c", "=~", "d|e")).isTrue();
        assertThat(promql.selectors().get(1).metric()).isNull();
        assertThat(promql.selectors().get(1).has("__name__", "=~", "operator_sdk_reconciliations_executions_.+")).isTrue();

        Result metricQuery = results.logql().get(0);
        assertThat(metricQuery.valid()).as(metricQuery.errors().toString()).isTrue();
        assertThat(metricQuery.metricQuery()).isTrue();
        assertThat(metricQuery.selectors().get(0).has("app_kubernetes_io_name", "=", "discourse")).isTrue();
        Result logQuery = results.logql().get(1);
        assertThat(logQuery.valid()).isTrue();
        assertThat(logQuery.metricQuery()).as("a log query is not a metric query").isFalse();
    }

    @Test
    void unknownMetricCheckSeesThroughNameMatchers() {
        Results results = QueryValidator.require().promql(List.of(
                "rate(made_up_metric[5m])",
                "{__name__=~\"something_else_.+\"}",
                "{__name__=\"up\"} + up"));
        List<String> unknown = QueryValidator.unknownMetrics(results.promql(), Set.of("up"), regex -> false);
        assertThat(unknown).hasSize(2);
        assertThat(unknown.get(0)).startsWith("made_up_metric");
        assertThat(unknown.get(1)).contains("something_else_");
    }

    @Test
    void grafanaIntervalMacrosAreSubstitutedButVariablesKept() {
        assertThat(QueryValidator.interpolateGrafanaMacros(
                "rate(x{namespace=~\"$namespace\"}[$__rate_interval]) + rate(y[${__interval}])"))
                .isEqualTo("rate(x{namespace=~\"$namespace\"}[5m]) + rate(y[1m])");
    }
}
