package dev.operator.discourse.observability.content;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs src/test/node/validate-queries.mjs, which parses PromQL and LogQL with Prometheus' and Grafana's Lezer
 * grammars. Without node or the parsers a test cannot say anything about the queries: it fails when CI=true and
 * is skipped (with the reason) elsewhere, never passes silently.
 */
final class QueryValidator {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LabelMatcher(String label, String op, String value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Selector(String metric, List<LabelMatcher> matchers) {

        boolean has(String label, String op, String value) {
            return matchers.stream().anyMatch(m -> m.label().equals(label) && m.op().equals(op) && m.value().equals(value));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ParseError(int from, int to, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(String query, boolean valid, List<ParseError> errors, List<Selector> selectors, Boolean metricQuery) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Results(List<Result> promql, List<Result> logql) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final Path script;
    private final Path toolsDir;

    private QueryValidator(String node, Path script, Path toolsDir) {
        this.node = node;
        this.script = script;
        this.toolsDir = toolsDir;
    }

    private static QueryValidator instance;
    private static String unavailableReason;

    /**
     * The validator, or a failed (CI) / aborted (elsewhere) test when it cannot run. Call it inside each test, not in
     * a {@code @BeforeAll}: an aborted class setup shows up in Surefire as zero tests run, with no reason given.
     */
    static synchronized QueryValidator require() {
        if (instance != null) {
            return instance;
        }
        if (unavailableReason != null) {
            unavailable(unavailableReason);
        }
        try {
            instance = locate();
            return instance;
        } catch (Unavailable e) {
            unavailableReason = e.getMessage();
            unavailable(unavailableReason);
            throw e; // not reached: unavailable() always throws
        }
    }

    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private static QueryValidator locate() {
        Path repo = Path.of("").toAbsolutePath();
        Path script = repo.resolve("src/test/node/validate-queries.mjs");
        if (!Files.isRegularFile(script)) {
            throw new Unavailable("validator script not found at " + script + " (tests must run from the repository root)");
        }
        String toolsEnv = System.getenv("NODE_TOOLS_DIR");
        Path toolsDir = toolsEnv != null && !toolsEnv.isBlank() ? Path.of(toolsEnv) : repo.resolve(".cache/node-tools");
        String nodeEnv = System.getenv("NODE_BINARY");
        String node = nodeEnv != null && !nodeEnv.isBlank() ? nodeEnv : "node";
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new Unavailable("'" + node + " --version' failed: " + version);
            }
        } catch (IOException e) {
            throw new Unavailable("node is not installed (" + e.getMessage() + "); install Node.js and run scripts/setup-node-tools.sh");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while looking for node");
        }
        for (String pkg : List.of("@prometheus-io/lezer-promql", "@grafana/lezer-logql")) {
            if (!Files.isRegularFile(toolsDir.resolve("node_modules").resolve(pkg).resolve("package.json"))) {
                throw new Unavailable(pkg + " is not installed in " + toolsDir + "; run scripts/setup-node-tools.sh");
            }
        }
        return new QueryValidator(node, script, toolsDir);
    }

    private static void unavailable(String why) {
        String message = "cannot validate PromQL/LogQL: " + why;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        if (!reported) {
            // Surefire's summary only counts skips; say why once, where a developer will see it.
            reported = true;
            System.err.println("[observability-content] skipping query validation: " + message);
        }
        Assumptions.abort(message);
    }

    private static boolean reported;

    Results validate(Collection<String> promql, Collection<String> logql) {
        try {
            byte[] input = JSON.writeValueAsBytes(Map.of("promql", List.copyOf(promql), "logql", List.copyOf(logql)));
            Path stderr = Files.createTempFile("validate-queries", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(node, script.toString())
                        .redirectError(stderr.toFile());
                pb.environment().put("NODE_TOOLS_DIR", toolsDir.toString());
                Process p = pb.start();
                // The script reads all of stdin before it writes anything, so writing first cannot deadlock.
                try (OutputStream in = p.getOutputStream()) {
                    in.write(input);
                }
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("validate-queries.mjs did not finish in 120 s");
                }
                String err = Files.readString(stderr);
                if (p.exitValue() == 3) {
                    unavailable(err.strip());
                }
                if (p.exitValue() != 0) {
                    fail("validate-queries.mjs exited " + p.exitValue() + ": " + err);
                }
                Results results = JSON.readValue(out, Results.class);
                if (results.promql().size() != promql.size() || results.logql().size() != logql.size()) {
                    fail("validator returned a different number of results than queries sent");
                }
                return results;
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("running validate-queries.mjs failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    Results promql(Collection<String> queries) {
        return validate(queries, List.of());
    }

    Results logql(Collection<String> queries) {
        return validate(List.of(), queries);
    }

    // ------------------------------------------------------------------------------------------ shared checks

    private static final Pattern GRAFANA_MACRO = Pattern.compile("\\$\\{?(__rate_interval|__interval|__range)}?");

    /**
     * Grafana substitutes its interval macros before the query reaches Prometheus; do the same so the parser sees
     * what Prometheus will. Template variables stay: they only appear inside label-value strings, which is valid
     * PromQL as it is, and leaving them lets tests check which matchers a query filters on.
     */
    static String interpolateGrafanaMacros(String expr) {
        Matcher m = GRAFANA_MACRO.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = switch (m.group(1)) {
                case "__rate_interval" -> "5m";
                case "__interval" -> "1m";
                default -> "1h";
            };
            m.appendReplacement(sb, replacement);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** All parse errors, one line per query, or "" when every query is valid. */
    static String invalid(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            if (!r.valid()) {
                sb.append("\n  ").append(r.query().replace('\n', ' ')).append("\n    -> ").append(r.errors());
            }
        }
        return sb.toString();
    }

    /**
     * Metric names the queries select that {@code known} does not accept. A selector without a metric name must
     * carry a {@code __name__} matcher that {@code nameRegexOk} accepts.
     */
    static List<String> unknownMetrics(List<Result> results, Set<String> known, Predicate<String> nameRegexOk) {
        List<String> unknown = new ArrayList<>();
        for (Result r : results) {
            for (Selector s : r.selectors()) {
                if (s.metric() != null) {
                    if (!known.contains(s.metric())) {
                        unknown.add(s.metric() + " in: " + r.query().replace('\n', ' '));
                    }
                    continue;
                }
                boolean accepted = s.matchers().stream()
                        .filter(m -> m.label().equals("__name__"))
                        .anyMatch(m -> m.op().equals("=") ? known.contains(m.value())
                                : m.op().equals("=~") && nameRegexOk.test(m.value()));
                if (!accepted) {
                    unknown.add("selector without a known metric name " + s.matchers() + " in: " + r.query().replace('\n', ' '));
                }
            }
        }
        return unknown;
    }
}
