package dev.operator.discourse.observability.content;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Series names the discourse-prometheus plugin exposes on {@code GET /metrics} (port 3000), as far as the
 * shipped dashboards and alert rules use them. The tests reject any query that selects a name outside
 * {@link #NAMES}, so a typo or an invented metric cannot ship as an always-empty panel or a never-firing
 * alert.
 *
 * <p>Facts about the plugin that shape the queries (checked in discourse/discourse-prometheus):
 * <ul>
 *   <li>Every name carries the {@code discourse_} prefix the collector sets as the exporter's default prefix.
 *   <li>Counters come from the prometheus_exporter gem and have no {@code _total} suffix
 *       ({@code discourse_http_requests}, not {@code discourse_http_requests_total}).
 *   <li>{@code discourse_http_duration_seconds}, {@code _sql_} and {@code _redis_} are Summaries (label
 *       {@code quantile} = 0.99, 0.9, 0.5, 0.1, 0.01 over a 2-4 minute sliding window, plus
 *       {@code _sum}/{@code _count}). Since commit 712823c (April 2025; the pinned a1e0ba67 has it) the plugin
 *       also exports Histograms beside them under other names, {@code discourse_http_requests_duration_seconds},
 *       {@code _requests_sql_} and {@code _requests_redis_} (buckets 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 15,
 *       30 s; lib/collector.rb). Queries read the Summary's {@code quantile} series, whose estimate is exact
 *       per pod, and fall back to {@code histogram_quantile} over the Histogram's {@code _bucket}, which is
 *       coarse between 1 and 15 s; averages use the Summary's {@code _sum}/{@code _count}. No release
 *       exported {@code _bucket} under the Summaries' names: that was an unmerged pull request. Only pages
 *       list#latest, list#top, topics#show, users#show and categories#categories_and_latest keep their
 *       {@code controller}/{@code action} labels; everything else is {@code other}/{@code other}.
 *   <li>Process metrics ({@code discourse_rss}, heap slots...) carry {@code type} = {@code web} (a Unicorn
 *       worker) or {@code sidekiq}, and {@code pid}; the Unicorn master does not report.
 *   <li>Global metrics (Sidekiq queues, PostgreSQL/Redis availability) are reported by every pod's collector,
 *       so the same value appears once per pod: aggregate them with max/min, never sum across pods.
 * </ul>
 */
public final class DiscourseMetrics {

    /** The families listed in REFERENCE.md §6 (the charm's dashboards and the plugin). */
    public static final List<String> REFERENCE_NAMES = List.of(
            "discourse_http_requests",
            "discourse_http_duration_seconds",
            "discourse_http_sql_duration_seconds",
            "discourse_http_redis_duration_seconds",
            "discourse_page_views",
            "discourse_active_app_reqs",
            "discourse_queued_app_reqs",
            "discourse_rss",
            "discourse_heap_live_slots",
            "discourse_heap_free_slots",
            "discourse_v8_used_heap_size",
            "discourse_thread_count",
            "discourse_total_allocated_objects",
            "discourse_sidekiq_jobs_enqueued",
            "discourse_sidekiq_job_count",
            "discourse_sidekiq_job_duration_seconds",
            "discourse_scheduled_job_duration_seconds",
            "discourse_sidekiq_queue_latency_seconds",
            "discourse_postgres_primary_available",
            "discourse_redis_primary_available");

    /**
     * Names beyond REFERENCE §6. Each was read in discourse/discourse-prometheus {@code lib/collector.rb}
     * ({@code ensure_job_metrics} and {@code ensure_global_metrics}).
     */
    public static final List<String> PLUGIN_SOURCE_NAMES = List.of(
            // Counter beside scheduled_job_duration_seconds; needed to turn total time into a mean duration.
            "discourse_scheduled_job_count",
            // Global gauge: Sidekiq processes registered from this pod's hostname.
            "discourse_sidekiq_processes",
            // Global gauge, label job_name: Sidekiq jobs running for more than 120 minutes on this host.
            "discourse_sidekiq_jobs_stuck");

    /** The three request-timing Summaries ({@code quantile}, {@code _sum}, {@code _count}). */
    private static final List<String> TIMING_FAMILIES = List.of(
            "discourse_http_duration_seconds",
            "discourse_http_sql_duration_seconds",
            "discourse_http_redis_duration_seconds");

    /** The Histograms beside them ({@code _bucket}, {@code _sum}, {@code _count}). */
    private static final List<String> TIMING_HISTOGRAMS = List.of(
            "discourse_http_requests_duration_seconds",
            "discourse_http_requests_sql_duration_seconds",
            "discourse_http_requests_redis_duration_seconds");

    /** Every series name a dashboard or alert expression may select. */
    public static final Set<String> NAMES;

    static {
        Set<String> names = new LinkedHashSet<>(REFERENCE_NAMES);
        names.addAll(PLUGIN_SOURCE_NAMES);
        for (String family : TIMING_FAMILIES) {
            names.add(family + "_sum");
            names.add(family + "_count");
        }
        for (String histogram : TIMING_HISTOGRAMS) {
            names.add(histogram + "_bucket");
            names.add(histogram + "_sum");
            names.add(histogram + "_count");
        }
        NAMES = Set.copyOf(names);
    }

    private DiscourseMetrics() {
    }
}
