package dev.operator.discourse.metrics;

import java.util.List;
import java.util.Set;

/**
 * The operator's own meters, beside the JOSDK ones ({@code observability.content.OperatorMetrics}): their
 * Micrometer names, the names Prometheus sees on {@code /q/metrics} (Micrometer's Prometheus convention: dots
 * become underscores, counters gain {@code _total}, timers {@code _seconds}), and their tags. The dashboard and
 * docs/install.md name the Prometheus forms; DashboardsTest fails when a panel selects anything else, or when
 * one of these is in no panel.
 */
public final class MeterNames {

    /** Gauge per {@link #TAG_PHASE}: DiscourseInstances in that phase, counted from the operator's cache at scrape time. */
    public static final String INSTANCES = "discourse.operator.instances";
    /** Timer per {@link #TAG_KIND} and {@link #TAG_RESULT}: live checks of PostgreSQL and Redis and how long they took. */
    public static final String RELATION_CHECKS = "discourse.operator.relation.checks";
    /** Counter per {@link #TAG_STEP}: migration Jobs the operator created. */
    public static final String MIGRATION_JOBS_STARTED = "discourse.operator.migration.jobs.started";
    /** Gauge per {@link #TAG_STEP} and {@link #TAG_OUTCOME}: migration Jobs in the operator's cache now. */
    public static final String MIGRATION_JOBS = "discourse.operator.migration.jobs";

    /** An {@code InstancePhase} name; an instance with no phase yet counts as {@code Pending}. */
    public static final String TAG_PHASE = "phase";
    /** The relation's kind: {@code DatabaseRelation} or {@code RedisRelation}. */
    public static final String TAG_KIND = "kind";
    /** The check's reason word, as its relation's Connected condition says it: {@code Ready}, {@code Unreachable}... */
    public static final String TAG_RESULT = "result";
    /** The migration step: {@code pre}, {@code assets} or {@code post}. */
    public static final String TAG_STEP = "step";
    /** {@code running}, {@code succeeded} or {@code failed}. */
    public static final String TAG_OUTCOME = "outcome";

    public static final String PROMETHEUS_INSTANCES = "discourse_operator_instances";
    public static final String PROMETHEUS_RELATION_CHECKS = "discourse_operator_relation_checks_seconds";
    public static final String PROMETHEUS_MIGRATION_JOBS_STARTED = "discourse_operator_migration_jobs_started_total";
    public static final String PROMETHEUS_MIGRATION_JOBS = "discourse_operator_migration_jobs";

    /** The series a Prometheus query may select, one meter's several series included. */
    public static final Set<String> PROMETHEUS_SERIES = Set.of(
            PROMETHEUS_INSTANCES,
            PROMETHEUS_RELATION_CHECKS + "_bucket",
            PROMETHEUS_RELATION_CHECKS + "_count",
            PROMETHEUS_RELATION_CHECKS + "_sum",
            PROMETHEUS_RELATION_CHECKS + "_max",
            PROMETHEUS_MIGRATION_JOBS_STARTED,
            PROMETHEUS_MIGRATION_JOBS);

    /** One name per meter, as Prometheus shows it (a timer by its family name). */
    public static final List<String> PROMETHEUS_METERS = List.of(PROMETHEUS_INSTANCES, PROMETHEUS_RELATION_CHECKS,
            PROMETHEUS_MIGRATION_JOBS_STARTED, PROMETHEUS_MIGRATION_JOBS);

    private MeterNames() {
    }
}
