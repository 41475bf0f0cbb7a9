package dev.operator.discourse.observability.content;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Prometheus alerting rule, as plain data so the operator can render it into a PrometheusRule without parsing
 * YAML at run time.
 *
 * @param name        the {@code alert} name
 * @param expr        PromQL; an alert fires for every series it returns
 * @param forDuration the {@code for} clause, a Prometheus duration such as {@code 5m}
 * @param severity    the {@code severity} label: {@code critical} or {@code warning}
 * @param summary     the {@code summary} annotation (may use {@code {{ $labels.x }}} templates)
 * @param description the {@code description} annotation
 */
public record AlertRule(String name, String expr, String forDuration, String severity, String summary,
        String description) {

    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(forDuration, "forDuration");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
    }

    /** The rule's labels, as a PrometheusRule wants them. */
    public Map<String, String> labels() {
        return Map.of("severity", severity);
    }

    /** The rule's annotations, summary first. */
    public Map<String, String> annotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        return annotations;
    }
}
