package dev.operator.discourse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.instance.migration.MigrationStep;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MigrationJobCounterTest {

    @Test
    void countsEachStartedJobUnderItsStep() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MigrationJobCounter counter = new MigrationJobCounter(registry);
        counter.started(MigrationJobGaugesTest.job("a", MigrationStep.PRE, null, null, false));
        counter.started(MigrationJobGaugesTest.job("b", MigrationStep.PRE, null, null, false));
        counter.started(MigrationJobGaugesTest.job("a", MigrationStep.POST, null, null, false));

        assertThat(registry.get(MeterNames.MIGRATION_JOBS_STARTED).tag(MeterNames.TAG_STEP, "pre").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(MeterNames.MIGRATION_JOBS_STARTED).tag(MeterNames.TAG_STEP, "post").counter().count())
                .isEqualTo(1);
        assertThat(registry.find(MeterNames.MIGRATION_JOBS_STARTED).tag(MeterNames.TAG_STEP, "assets").counter())
                .as("a step never started has no series yet").isNull();
    }
}
