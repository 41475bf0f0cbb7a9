package dev.operator.discourse.metrics;

import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Counts the migration Jobs the operator created, by step. A rate above one per step per upgrade means Jobs are
 * being run again (a failure retried after a spec change, or something deleting them).
 */
@ApplicationScoped
public class MigrationJobCounter {

    private final MeterRegistry registry;

    public MigrationJobCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counting nowhere: for code built outside the application, as unit tests build it. */
    public static MigrationJobCounter unregistered() {
        return new MigrationJobCounter(new CompositeMeterRegistry());
    }

    public void started(Job job) {
        String step = MigrationJobGauges.stepOf(job);
        Counter.builder(MeterNames.MIGRATION_JOBS_STARTED)
                .description("Migration Jobs the operator created")
                .tag(MeterNames.TAG_STEP, step == null ? "unknown" : step)
                .register(registry).increment();
    }
}
