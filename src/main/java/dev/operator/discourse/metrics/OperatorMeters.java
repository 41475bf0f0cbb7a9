package dev.operator.discourse.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Registers the gauges read from the operator's caches, once at start-up; they are computed at each scrape. The
 * checks' timer and the Jobs' counter register as they are first used.
 */
@ApplicationScoped
public class OperatorMeters {

    void register(@Observes StartupEvent start, MeterRegistry registry, OperatorCaches caches) {
        InstancePhaseGauges.register(registry, caches::instances);
        MigrationJobGauges.register(registry, caches::migrationJobs);
    }
}
