package dev.operator.discourse.it;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The in-process operator's own reconcile counters for one object (quarkus-operator-sdk collects JOSDK's metrics
 * per resource: tags kind, namespace, name). JOSDK keeps one counter per retry number, so they are summed.
 */
record BadInputMetrics(MeterRegistry registry) {

    static final String STARTED = "operator.sdk.reconciliations.started";
    static final String FAILED = "operator.sdk.reconciliations.failed";

    double started(String kind, String ns, String name) {
        return sum(STARTED, kind, ns, name);
    }

    /** Reconciles that ended in an exception: a crash the operator did not turn into a condition. */
    double failed(String kind, String ns, String name) {
        return sum(FAILED, kind, ns, name);
    }

    private double sum(String meter, String kind, String ns, String name) {
        return registry.find(meter).tag("kind", kind).tag("namespace", ns).tag("name", name).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
