package dev.operator.discourse.observability.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prometheus alerting rules for Discourse, built from a target selector so one Prometheus can watch many
 * DiscourseInstances without their alerts bleeding into each other or into unrelated targets.
 *
 * <p>The selector is a PromQL matcher list without braces, e.g. {@code namespace="forum", job="forum"}. It is put
 * into every vector selector of every rule; the tests check that. Three ways to get one:
 * <ul>
 *   <li>{@link #rules(String, String)}: one DiscourseInstance, scraped as {@code job=<job>} in {@code namespace}
 *       (a ServiceMonitor's job label is its Service's name unless {@code jobLabel} says otherwise).
 *   <li>{@link #rules()}: every Discourse the Prometheus scrapes, recognised by {@link #DEFAULT_SELECTOR}. This needs
 *       the ServiceMonitor/PodMonitor to copy the pod/service label {@code app.kubernetes.io/name} onto the series
 *       ({@code targetLabels}/{@code podTargetLabels}), which yields {@code app_kubernetes_io_name}. It is the same
 *       label the Loki rules select on, so both rule sets rely on one labelling contract.
 *   <li>{@link #rules(String)} with any matcher list; it must not be blank, because an unscoped {@code up == 0}
 *       would page for every target in the cluster.
 * </ul>
 * Alerts aggregate {@code by (namespace, job)}, so there is one alert per Discourse, not one per pod, except
 * where the pod itself is the news (target down).
 */
public final class DiscourseAlertRules {

    /** Name of the rule group in the rendered PrometheusRule. */
    public static final String GROUP_NAME = "discourse.rules";

    /** Matches every target whose series carry the Kubernetes recommended name label "discourse". */
    public static final String DEFAULT_SELECTOR = "app_kubernetes_io_name=\"discourse\"";

    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";

    /** 5xx share of all requests above which users notice errors. */
    static final double ERROR_RATIO_THRESHOLD = 0.05;
    /** Below this many requests per second a handful of 5xx is noise, not an incident. */
    static final double ERROR_RATIO_MIN_RPS = 0.1;
    /** p99 of the /latest page, in seconds: the front page a slow site is judged by. */
    static final double LATEST_P99_SECONDS = 5;
    /** Age of the oldest job in any Sidekiq queue, in seconds: emails and notifications are this late. */
    static final double SIDEKIQ_LATENCY_SECONDS = 300;
    /** Requests waiting for a free Unicorn worker. */
    static final double QUEUED_REQUESTS = 10;

    private DiscourseAlertRules() {
    }

    /** Rules for every Discourse target labelled per {@link #DEFAULT_SELECTOR}. */
    public static List<AlertRule> rules() {
        return rules(DEFAULT_SELECTOR);
    }

    /** Rules for one DiscourseInstance scraped as {@code job} in {@code namespace}. */
    public static List<AlertRule> rules(String namespace, String job) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("namespace", namespace);
        labels.put("job", job);
        return rules(selector(labels));
    }

    /**
     * Exact-match selector for the given labels, values escaped for PromQL, in the map's iteration order.
     * Example: {@code selector(Map.of("job", "forum"))} is {@code job="forum"}.
     */
    public static String selector(Map<String, String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a selector needs at least one label");
        }
        StringJoiner joiner = new StringJoiner(", ");
        labels.forEach((label, value) -> {
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("not a Prometheus label name: " + label);
            }
            if (value == null || value.isEmpty()) {
                // label="" matches series WITHOUT the label: almost certainly a bug in the caller.
                throw new IllegalArgumentException("empty value for label " + label);
            }
            joiner.add(label + "=\"" + escape(value) + "\"");
        });
        return joiner.toString();
    }

    /** Rules whose every vector selector carries {@code selector} (a matcher list without braces). */
    public static List<AlertRule> rules(String selector) {
        if (selector == null || selector.isBlank()) {
            throw new IllegalArgumentException("the target selector must not be blank");
        }
        String s = selector.strip();
        if (s.startsWith("{") || s.endsWith("}")) {
            throw new IllegalArgumentException("pass the matchers without braces: " + selector);
        }
        return List.of(
                new AlertRule(
                        "DiscourseTargetDown",
                        "up{" + s + "} == 0",
                        "5m",
                        CRITICAL,
                        "Discourse target {{ $labels.namespace }}/{{ $labels.instance }} is down",
                        "Prometheus has not been able to scrape {{ $labels.job }} at {{ $labels.instance }} for 5 minutes."
                                + " The pod is down or not ready, or the discourse-prometheus plugin no longer serves"
                                + " /metrics to this Prometheus (it only answers private IPs)."),
                new AlertRule(
                        "DiscourseHighErrorRatio",
                        "(\n"
                                + "  sum by (namespace, job) (rate(discourse_http_requests{" + s + ", status=~\"5..\"}[5m]))\n"
                                + "/\n"
                                + "  sum by (namespace, job) (rate(discourse_http_requests{" + s + "}[5m]))\n"
                                + ") > " + num(ERROR_RATIO_THRESHOLD) + "\n"
                                + "and\n"
                                + "sum by (namespace, job) (rate(discourse_http_requests{" + s + "}[5m])) > "
                                + num(ERROR_RATIO_MIN_RPS),
                        "10m",
                        WARNING,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }} answers {{ $value | humanizePercentage }} of requests with 5xx",
                        "More than " + pct(ERROR_RATIO_THRESHOLD) + " of HTTP requests have failed with a 5xx status for"
                                + " 10 minutes. Check the pods' logs (production.log lines starting with E, or F,) and"
                                + " the PostgreSQL and Redis availability alerts."),
                new AlertRule(
                        "DiscourseLatestPageSlow",
                        // The Summary's quantile where the plugin has it, else its Histogram (DiscourseMetrics).
                        // Summary quantiles cannot be aggregated, so this is the worst pod / request kind, which is
                        // what an alert should look at anyway.
                        "max by (namespace, job) (discourse_http_duration_seconds{" + s
                                + ", controller=\"list\", action=\"latest\", quantile=\"0.99\"}) > " + num(LATEST_P99_SECONDS) + "\n"
                                + "or\n"
                                + "histogram_quantile(0.99, sum by (namespace, job, le) (rate(discourse_http_requests_duration_seconds_bucket{"
                                + s + ", controller=\"list\", action=\"latest\"}[5m]))) > " + num(LATEST_P99_SECONDS),
                        "15m",
                        WARNING,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }}: /latest p99 is {{ $value | humanizeDuration }}",
                        "The 99th percentile time to serve the /latest page has been above " + num(LATEST_P99_SECONDS)
                                + " s for 15 minutes. Compare the SQL and Redis shares on the Discourse overview"
                                + " dashboard, and look for queued requests (all Unicorn workers busy)."),
                new AlertRule(
                        "DiscourseSidekiqQueueLatencyHigh",
                        // Every pod reports the same Redis-wide value: max, not sum.
                        "max by (namespace, job) (discourse_sidekiq_queue_latency_seconds{" + s + "}) > "
                                + num(SIDEKIQ_LATENCY_SECONDS),
                        "10m",
                        WARNING,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }}: Sidekiq jobs wait {{ $value | humanizeDuration }}",
                        "The oldest job in a Sidekiq queue has been waiting more than " + num(SIDEKIQ_LATENCY_SECONDS)
                                + " s for 10 minutes: emails, notifications and background work are late. Sidekiq"
                                + " needs more processes or threads, or a job is hogging it."),
                new AlertRule(
                        "DiscourseSidekiqNoProgress",
                        // "unless ... > 0" rather than "and ... == 0": with no job counter at all (Sidekiq never
                        // started) the alert must still fire.
                        "max by (namespace, job) (sum without (queue) (discourse_sidekiq_jobs_enqueued{" + s + "})) > 0\n"
                                + "unless\n"
                                + "sum by (namespace, job) (increase(discourse_sidekiq_job_count{" + s + "}[15m])) > 0",
                        "15m",
                        CRITICAL,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }}: Sidekiq completes no jobs",
                        "{{ $value }} jobs are enqueued but no Sidekiq job has completed for 30 minutes. Sidekiq is"
                                + " stopped, paused, or all its threads are stuck. With UNICORN_SIDEKIQS=0 check the"
                                + " separate Sidekiq workload."),
                new AlertRule(
                        "DiscourseSidekiqJobStuck",
                        "sum by (namespace, job, job_name) (discourse_sidekiq_jobs_stuck{" + s + "}) > 0",
                        "5m",
                        WARNING,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }}: Sidekiq job {{ $labels.job_name }} is stuck",
                        "{{ $value }} Sidekiq job(s) of class {{ $labels.job_name }} have been running for more than"
                                + " 2 hours and hold a Sidekiq thread."),
                new AlertRule(
                        "DiscoursePostgresPrimaryUnavailable",
                        // min: one pod that cannot reach the primary is already serving errors.
                        "min by (namespace, job) (discourse_postgres_primary_available{" + s + "}) == 0",
                        "2m",
                        CRITICAL,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }} cannot reach its PostgreSQL primary",
                        "At least one Discourse pod has had no connection to the PostgreSQL primary for 2 minutes."
                                + " Discourse is read-only or failing. Check the database and DISCOURSE_DB_* settings."),
                new AlertRule(
                        "DiscourseRedisPrimaryUnavailable",
                        "min by (namespace, job, type) (discourse_redis_primary_available{" + s + "}) == 0",
                        "2m",
                        CRITICAL,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }} cannot reach its Redis primary ({{ $labels.type }})",
                        "At least one Discourse pod has had no connection to the Redis primary for 2 minutes. Sessions,"
                                + " caches, MessageBus and Sidekiq all depend on it. Check Redis and DISCOURSE_REDIS_*."),
                new AlertRule(
                        "DiscourseRequestsQueued",
                        "max by (namespace, job) (discourse_queued_app_reqs{" + s + "}) > " + num(QUEUED_REQUESTS),
                        "10m",
                        WARNING,
                        "Discourse {{ $labels.namespace }}/{{ $labels.job }}: {{ $value }} requests wait for a Unicorn worker",
                        "More than " + num(QUEUED_REQUESTS) + " requests have been queued in front of a pod's Unicorn"
                                + " workers for 10 minutes: every worker is busy. Add replicas or UNICORN_WORKERS, or"
                                + " find what makes requests slow."));
    }

    /** Escapes a label value for a double-quoted PromQL string. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String pct(double ratio) {
        return num(ratio * 100) + " %";
    }
}
