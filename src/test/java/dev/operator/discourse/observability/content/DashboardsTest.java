package dev.operator.discourse.observability.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.operator.discourse.metrics.MeterNames;
import dev.operator.discourse.observability.content.DashboardCatalog.Dashboard;
import dev.operator.discourse.observability.content.QueryValidator.Result;
import dev.operator.discourse.observability.content.QueryValidator.Results;

class DashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DS = "${datasource}";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    static Stream<Dashboard> dashboards() {
        return DashboardCatalog.dashboards().stream();
    }

    private static JsonNode load(Dashboard d) throws IOException {
        return JSON.readTree(d.read());
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void packagedCopyIsTheEditedFile(Dashboard d) throws IOException {
        assertThat(d.read()).isEqualTo(Files.readString(Path.of("grafana", d.fileName())));
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void hasIdentityAndLayout(Dashboard d) throws IOException {
        JsonNode root = load(d);
        assertThat(root.path("uid").asText()).isEqualTo(d.uid());
        assertThat(root.path("title").asText()).isEqualTo(d.title());
        assertThat(root.path("schemaVersion").asInt()).isBetween(36, 41);
        assertThat(root.path("id").isNull()).as("id must be null so Grafana assigns one").isTrue();
        JsonNode panels = root.path("panels");
        assertThat(panels.isArray() && panels.size() > 0).isTrue();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : panels) {
            assertThat(ids.add(p.path("id").asInt())).as("duplicate panel id %s", p.path("id")).isTrue();
            assertThat(p.path("title").asText()).isNotBlank();
            JsonNode pos = p.path("gridPos");
            assertThat(pos.path("w").asInt()).isPositive();
            assertThat(pos.path("h").asInt()).isPositive();
            assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("panel %s overflows the grid", p.path("title")).isLessThanOrEqualTo(24);
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void hasDatasourceNamespaceAndInstanceVariables(Dashboard d) throws IOException {
        Map<String, JsonNode> vars = variables(load(d));
        assertThat(vars).containsKeys("datasource", "namespace", "instance");
        JsonNode ds = vars.get("datasource");
        assertThat(ds.path("type").asText()).isEqualTo("datasource");
        assertThat(ds.path("query").asText()).isEqualTo("prometheus");
        for (String name : List.of("namespace", "instance")) {
            JsonNode v = vars.get(name);
            assertThat(v.path("type").asText()).isEqualTo("query");
            assertThat(v.path("datasource").path("uid").asText()).isEqualTo(DS);
            assertThat(variableQuery(v)).matches(LABEL_VALUES);
        }
        assertThat(variableQuery(vars.get("instance"))).as("instance must depend on namespace").contains("$namespace");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyDatasourceIsTheTemplateVariable(Dashboard d) throws IOException {
        List<String> offenders = new ArrayList<>();
        collectDatasources(load(d), "$", offenders);
        assertThat(offenders).as("datasource references that are not ${datasource}").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelQueriesThroughTheVariable(Dashboard d) throws IOException {
        for (JsonNode p : load(d).path("panels")) {
            String title = p.path("title").asText();
            if (p.path("type").asText().equals("row")) {
                assertThat(p.has("targets")).as("row %s has targets", title).isFalse();
                continue;
            }
            assertThat(p.path("datasource").path("uid").asText()).as("panel %s", title).isEqualTo(DS);
            assertThat(p.path("datasource").path("type").asText()).as("panel %s", title).isEqualTo("prometheus");
            JsonNode targets = p.path("targets");
            assertThat(targets.size()).as("panel %s has no query", title).isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : targets) {
                assertThat(t.path("expr").asText()).as("panel %s", title).isNotBlank();
                assertThat(t.path("datasource").path("uid").asText()).as("panel %s", title).isEqualTo(DS);
                assertThat(refIds.add(t.path("refId").asText())).as("duplicate refId in %s", title).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void queriesUseOnlyDefinedVariables(Dashboard d) throws IOException {
        JsonNode root = load(d);
        Set<String> defined = variables(root).keySet();
        for (String expr : allQueries(root).values()) {
            Matcher m = VARIABLE.matcher(expr);
            while (m.find()) {
                String name = m.group(1);
                if (!name.startsWith("__")) {
                    assertThat(defined).as("variable $%s in %s", name, expr).contains(name);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void queriesParseAsPromqlAndSelectOnlyKnownMetrics(Dashboard d) throws IOException {
        JsonNode root = load(d);
        Map<String, String> queries = allQueries(root);
        List<String> exprs = queries.values().stream().map(QueryValidator::interpolateGrafanaMacros).toList();
        Results results = QueryValidator.require().promql(exprs);

        assertThat(QueryValidator.invalid(results.promql())).as("invalid PromQL in %s", d.fileName()).isEmpty();

        boolean operator = d.equals(DashboardCatalog.OPERATOR);
        Set<String> known = new HashSet<>(operator ? OperatorMetrics.NAMES : DiscourseMetrics.NAMES);
        if (operator) {
            known.addAll(MeterNames.PROMETHEUS_SERIES);
        }
        known.add("up");
        Predicate<String> nameRegexOk = operator
                ? regex -> OperatorMetrics.PER_CONTROLLER_PREFIXES.stream().anyMatch(prefix -> regex.equals(prefix + ".+"))
                : regex -> false;
        assertThat(QueryValidator.unknownMetrics(results.promql(), known, nameRegexOk))
                .as("metrics not in %s", operator ? "OperatorMetrics.NAMES or MeterNames" : "DiscourseMetrics.NAMES")
                .isEmpty();
    }

    /** A meter of the operator's own that no panel shows is one nobody looks at: each is in some panel's query. */
    @Test
    void theOperatorsDashboardShowsEachOfItsOwnMeters() throws IOException {
        List<String> panelExprs = new ArrayList<>();
        allQueries(load(DashboardCatalog.OPERATOR)).forEach((where, expr) -> {
            if (where.startsWith("panel")) {
                panelExprs.add(QueryValidator.interpolateGrafanaMacros(expr));
            }
        });
        Set<String> selected = new HashSet<>();
        for (Result r : QueryValidator.require().promql(panelExprs).promql()) {
            for (QueryValidator.Selector s : r.selectors()) {
                if (s.metric() != null) { // a {__name__=~...} selector names no metric
                    selected.add(s.metric());
                }
            }
        }
        for (String meter : MeterNames.PROMETHEUS_METERS) {
            assertThat(selected).as("a panel of %s selecting %s", DashboardCatalog.OPERATOR.fileName(), meter)
                    .anyMatch(name -> name.equals(meter) || (name.startsWith(meter + "_")
                            && !MeterNames.PROMETHEUS_METERS.contains(name))); // a timer by its _count, _bucket...
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everySelectorIsScopedByTheVariables(Dashboard d) throws IOException {
        JsonNode root = load(d);
        List<String> panelExprs = new ArrayList<>();
        allQueries(root).forEach((where, expr) -> {
            if (where.startsWith("panel")) {
                panelExprs.add(QueryValidator.interpolateGrafanaMacros(expr));
            }
        });
        boolean operator = d.equals(DashboardCatalog.OPERATOR);
        for (Result r : QueryValidator.require().promql(panelExprs).promql()) {
            for (QueryValidator.Selector s : r.selectors()) {
                assertThat(s.has("namespace", "=~", "$namespace")).as("namespace filter missing in %s", r.query()).isTrue();
                if (!operator) {
                    assertThat(s.has("job", "=~", "$instance")).as("instance filter missing in %s", r.query()).isTrue();
                }
            }
        }
    }

    @Test
    void uidsAndTitlesAreUnique() throws IOException {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Dashboard d : DashboardCatalog.dashboards()) {
            JsonNode root = load(d);
            assertThat(uids.add(root.path("uid").asText())).isTrue();
            assertThat(titles.add(root.path("title").asText())).isTrue();
            assertThat(root.path("uid").asText().length()).as("Grafana caps uids at 40 characters").isLessThanOrEqualTo(40);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Map<String, JsonNode> variables(JsonNode root) {
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        for (JsonNode v : root.path("templating").path("list")) {
            vars.put(v.path("name").asText(), v);
        }
        return vars;
    }

    private static String variableQuery(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    /**
     * Every PromQL expression in the dashboard, keyed by where it is: panel targets, and the series selector inside
     * each {@code label_values(selector, label)} variable query.
     */
    private static Map<String, String> allQueries(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : root.path("panels")) {
            int i = 0;
            for (JsonNode t : p.path("targets")) {
                out.put("panel '" + p.path("title").asText() + "' #" + i++, t.path("expr").asText());
            }
        }
        for (JsonNode v : root.path("templating").path("list")) {
            if (!v.path("type").asText().equals("query")) {
                continue;
            }
            Matcher m = LABEL_VALUES.matcher(variableQuery(v));
            assertThat(m.matches()).as("variable %s must use label_values(selector, label)", v.path("name")).isTrue();
            out.put("variable " + v.path("name").asText(), m.group(1));
        }
        return out;
    }

    private static void collectDatasources(JsonNode node, String path, List<String> offenders) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String childPath = path + "." + e.getKey();
                if (e.getKey().equals("datasource")) {
                    JsonNode ds = e.getValue();
                    // A bare string is a data source name or uid: exactly what must not be hard-coded.
                    if (!(ds.isObject() && DS.equals(ds.path("uid").asText()))) {
                        offenders.add(childPath + " = " + ds);
                    }
                }
                collectDatasources(e.getValue(), childPath, offenders);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDatasources(node.get(i), path + "[" + i + "]", offenders);
            }
        }
    }
}
