package dev.operator.discourse.observability.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.operator.discourse.observability.content.QueryValidator.Result;
import dev.operator.discourse.observability.content.QueryValidator.Results;

class LokiRulesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static JsonNode root;

    @BeforeAll
    static void setUp() throws IOException {
        root = YAML.readTree(DashboardCatalog.lokiRules());
    }

    @Test
    void packagedCopyIsTheEditedFile() throws IOException {
        assertThat(DashboardCatalog.lokiRules()).isEqualTo(Files.readString(Path.of("loki", "discourse-log-alerts.yaml")));
    }

    @Test
    void headerDocumentsTheStreamSelector() {
        assertThat(DashboardCatalog.lokiRules().lines().takeWhile(l -> l.startsWith("#")).toList())
                .anyMatch(l -> l.contains("{" + DashboardCatalog.LOKI_POD_NAMES + "}"));
    }

    @Test
    void isARulerRuleFile() {
        JsonNode groups = root.path("groups");
        assertThat(groups.isArray() && groups.size() > 0).isTrue();
        Set<String> alerts = new HashSet<>();
        for (JsonNode g : groups) {
            assertThat(g.path("name").asText()).isNotBlank();
            assertThat(g.path("rules").size()).isPositive();
            for (JsonNode r : g.path("rules")) {
                String name = r.path("alert").asText();
                assertThat(name).matches("Discourse[A-Z][A-Za-z0-9]*");
                assertThat(alerts.add(name)).as("duplicate alert %s", name).isTrue();
                assertThat(r.path("expr").asText()).as(name).isNotBlank();
                assertThat(r.path("for").asText()).as(name).matches("\\d+[smh]");
                assertThat(r.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
                assertThat(r.path("annotations").path("summary").asText()).as(name).isNotBlank();
                assertThat(r.path("annotations").path("description").asText()).as(name).isNotBlank();
            }
        }
        assertThat(alerts).contains(
                "DiscourseLogErrorBurst",
                "DiscourseUnicornWorkerTimeouts",
                "DiscourseUnicornWorkerRestarts",
                "DiscourseSidekiqMemoryRestart",
                "DiscourseMigrationFailed");
    }

    @Test
    void expressionsAreLogqlMetricQueriesOnDiscourseStreams() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode g : root.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                exprs.add(r.path("expr").asText());
            }
        }
        Results results = QueryValidator.require().logql(exprs);
        assertThat(QueryValidator.invalid(results.logql())).as("invalid LogQL").isEmpty();
        for (Result r : results.logql()) {
            assertThat(r.metricQuery()).as("the ruler only evaluates metric queries: %s", r.query()).isTrue();
            assertThat(r.selectors()).isNotEmpty();
            for (QueryValidator.Selector s : r.selectors()) {
                assertThat(s.has("app_kubernetes_io_name", "=~", "discourse|discourse-sidekiq")).as(r.query()).isTrue();
            }
        }
    }

    @Test
    void matchesTheLogLinesItIsAbout() {
        // The line filters are RE2/substring filters; Java's regex agrees with RE2 on these simple patterns, so a
        // sample of each real line checks the filter text (escaping included) without a Loki.
        assertFilterMatches("DiscourseLogErrorBurst",
                "E, [2024-05-01T10:00:00.123456 #42] ERROR -- : PG::ConnectionBad", true);
        assertFilterMatches("DiscourseLogErrorBurst",
                "I, [2024-05-01T10:00:00.123456 #42]  INFO -- : Started GET \"/\"", false);
        assertFilterMatches("DiscourseUnicornWorkerTimeouts",
                "E, [2024-05-01T10:00:00.123456 #42] ERROR -- : worker=1 PID:1234 timeout (31s > 30s), killing", true);
        assertFilterMatches("DiscourseMigrationFailed",
                "StandardError: An error has occurred, this and all later migrations canceled:", true);
        assertFilterMatches("DiscourseMigrationFailed", "rake aborted!", true);
    }

    private static void assertFilterMatches(String alert, String line, boolean expected) {
        for (JsonNode g : root.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (!r.path("alert").asText().equals(alert)) {
                    continue;
                }
                String expr = r.path("expr").asText();
                int start = expr.indexOf("|~ `");
                assertThat(start).as("%s has a backquoted regex filter", alert).isPositive();
                String regex = expr.substring(start + 4, expr.indexOf('`', start + 4));
                assertThat(java.util.regex.Pattern.compile(regex).matcher(line).find())
                        .as("%s on '%s'", alert, line).isEqualTo(expected);
                return;
            }
        }
        throw new AssertionError("no alert " + alert);
    }
}
