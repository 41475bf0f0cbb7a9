package dev.operator.discourse.observability.content;

import java.util.List;
import java.util.Set;

/**
 * The operator's own metrics on {@code /q/metrics}: what quarkus-operator-sdk 7.2.2 registers through JOSDK 5.1.4's
 * {@code MicrometerMetrics} (built with {@code newPerResourceCollectingMicrometerMetricsBuilder}, so per-resource
 * tags are on), rendered by Micrometer's Prometheus naming convention (dots become underscores, counters gain
 * {@code _total}, timers gain {@code _seconds}).
 *
 * <p>Read from the bytecode of {@code io.javaoperatorsdk:micrometer-support:5.1.4}, not from older sources: 5.x
 * dropped the 4.x {@code controller} tag on the counters, and the two per-controller gauges put the controller
 * name into the metric name, so they can only be selected with a {@code __name__} regex (see
 * {@link #PER_CONTROLLER_PREFIXES}).
 *
 * <p>Tags:
 * <ul>
 *   <li>Counters ({@code reconciliations}, {@code events}): {@link #TAG_NAME}, {@link #TAG_NAMESPACE} (omitted for
 *       cluster-scoped resources), {@link #TAG_SCOPE}, and when the controller knows the GVK, {@link #TAG_GROUP}
 *       (omitted when empty), {@link #TAG_VERSION}, {@link #TAG_KIND}; plus the per-metric tags listed below.
 *   <li>Execution timers: {@link #TAG_CONTROLLER} and the same resource tags prefixed with {@code resource_}
 *       ({@link #TAG_RESOURCE_NAME}, {@code resource_namespace}, {@code resource_scope}, {@code resource_kind}...).
 *   <li>Per-controller gauges: {@link #TAG_GROUP}, {@link #TAG_VERSION}, {@link #TAG_KIND}.
 * </ul>
 * A Prometheus scrape with {@code honor_labels: false} (the prometheus-operator default) renames the scraped
 * {@code namespace} tag to {@code exported_namespace}, because its own {@code namespace} target label (the operator
 * pod's namespace) wins. The dashboard therefore filters {@code namespace} as the operator's namespace and the
 * resource by {@code name}/{@code resource_name}.
 */
public final class OperatorMetrics {

    /** Counter, +1 per reconciliation dispatched; tags {@link #TAG_RETRIES_NUMBER}, {@link #TAG_RETRIES_LAST}. */
    public static final String RECONCILIATIONS_STARTED = "operator_sdk_reconciliations_started_total";
    /** Counter, +1 per reconciliation that finished without exception. */
    public static final String RECONCILIATIONS_SUCCESS = "operator_sdk_reconciliations_success_total";
    /** Counter, +1 per failed reconciliation; tag {@link #TAG_EXCEPTION} (simple class name of the root cause). */
    public static final String RECONCILIATIONS_FAILED = "operator_sdk_reconciliations_failed_total";
    /** Counter, +1 per event for a primary resource; tags {@link #TAG_EVENT} and, for resource events, {@link #TAG_ACTION}. */
    public static final String EVENTS_RECEIVED = "operator_sdk_events_received_total";
    /** Counter, +1 when cleanup of a deleted primary resource is done. */
    public static final String EVENTS_DELETE = "operator_sdk_events_delete_total";

    /** Timer of reconcile() calls (histogram with percentiles 0.3/0.5/0.95); tag {@link #TAG_CONTROLLER} + resource tags. */
    public static final String RECONCILE_SECONDS = "operator_sdk_controllers_execution_reconcile_seconds";
    /** Timer of cleanup() calls, same shape as {@link #RECONCILE_SECONDS}. */
    public static final String CLEANUP_SECONDS = "operator_sdk_controllers_execution_cleanup_seconds";
    /** Counter; tags {@link #TAG_CONTROLLER}, {@link #TAG_TYPE} (which UpdateControl: resource, status, both, ...). */
    public static final String RECONCILE_SUCCESS = "operator_sdk_controllers_execution_reconcile_success_total";
    /** Counter; tags {@link #TAG_CONTROLLER}, {@link #TAG_EXCEPTION}. */
    public static final String RECONCILE_FAILURE = "operator_sdk_controllers_execution_reconcile_failure_total";
    /** Counter; tags {@link #TAG_CONTROLLER}, {@link #TAG_TYPE} (delete or finalizerNotRemoved). */
    public static final String CLEANUP_SUCCESS = "operator_sdk_controllers_execution_cleanup_success_total";
    /** Counter; tags {@link #TAG_CONTROLLER}, {@link #TAG_EXCEPTION}. */
    public static final String CLEANUP_FAILURE = "operator_sdk_controllers_execution_cleanup_failure_total";

    /** Gauge per controller, name = prefix + controller name: reconciliations executing now. */
    public static final String EXECUTIONS_PREFIX = "operator_sdk_reconciliations_executions_";
    /** Gauge per controller, name = prefix + controller name: reconciliations submitted and not yet finished. */
    public static final String QUEUE_SIZE_PREFIX = "operator_sdk_reconciliations_queue_size_";

    public static final String TAG_NAME = "name";
    public static final String TAG_NAMESPACE = "namespace";
    public static final String TAG_SCOPE = "scope";
    public static final String TAG_GROUP = "group";
    public static final String TAG_VERSION = "version";
    public static final String TAG_KIND = "kind";
    public static final String TAG_EVENT = "event";
    public static final String TAG_ACTION = "action";
    public static final String TAG_EXCEPTION = "exception";
    public static final String TAG_CONTROLLER = "controller";
    public static final String TAG_TYPE = "type";
    /** Attempt number of the reconciliation, "0" for a first attempt. */
    public static final String TAG_RETRIES_NUMBER = "reconciliations_retries_number";
    /** "true" on the last allowed attempt, and also when there is no retry info at all (a first attempt). */
    public static final String TAG_RETRIES_LAST = "reconciliations_retries_last";
    public static final String TAG_RESOURCE_NAME = "resource_name";

    /** Fixed series names a query may select. */
    public static final Set<String> NAMES = Set.of(
            RECONCILIATIONS_STARTED,
            RECONCILIATIONS_SUCCESS,
            RECONCILIATIONS_FAILED,
            EVENTS_RECEIVED,
            EVENTS_DELETE,
            RECONCILE_SECONDS + "_bucket",
            RECONCILE_SECONDS + "_count",
            RECONCILE_SECONDS + "_sum",
            RECONCILE_SECONDS + "_max",
            CLEANUP_SECONDS + "_bucket",
            CLEANUP_SECONDS + "_count",
            CLEANUP_SECONDS + "_sum",
            CLEANUP_SECONDS + "_max",
            RECONCILE_SUCCESS,
            RECONCILE_FAILURE,
            CLEANUP_SUCCESS,
            CLEANUP_FAILURE);

    /** Prefixes of the per-controller gauges; a {@code __name__=~"<prefix>.+"} matcher selects them. */
    public static final List<String> PER_CONTROLLER_PREFIXES = List.of(EXECUTIONS_PREFIX, QUEUE_SIZE_PREFIX);

    private OperatorMetrics() {
    }

    /**
     * Prometheus name of a per-controller gauge, e.g. {@code perControllerName(EXECUTIONS_PREFIX, "discoursereconciler")}.
     * Characters Prometheus does not allow in names become {@code _}, as Micrometer's naming convention does.
     */
    public static String perControllerName(String prefix, String controllerName) {
        if (!PER_CONTROLLER_PREFIXES.contains(prefix)) {
            throw new IllegalArgumentException("not a per-controller metric prefix: " + prefix);
        }
        return prefix + controllerName.replaceAll("[^a-zA-Z0-9_:]", "_");
    }
}
