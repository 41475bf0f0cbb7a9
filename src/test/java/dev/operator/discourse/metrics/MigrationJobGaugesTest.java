package dev.operator.discourse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MigrationJobGaugesTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<Job> cache = new ArrayList<>();

    static Job job(String instance, MigrationStep step, Integer succeeded, Integer failed, boolean failedCondition) {
        var builder = new JobBuilder().withNewMetadata().withName(instance + "-" + step.label()).withNamespace("forums")
                .withLabels(MigrationJobs.labels(instance, step)).endMetadata();
        if (succeeded == null && failed == null && !failedCondition) {
            return builder.build();
        }
        var status = builder.withNewStatus().withSucceeded(succeeded).withFailed(failed);
        if (failedCondition) {
            status.addNewCondition().withType("Failed").withStatus("True").endCondition();
        }
        return status.endStatus().build();
    }

    double gauge(String step, String outcome) {
        return registry.get(MeterNames.MIGRATION_JOBS).tag(MeterNames.TAG_STEP, step)
                .tag(MeterNames.TAG_OUTCOME, outcome).gauge().value();
    }

    @Test
    void oneGaugePerStepAndOutcomeCountingTheCacheWhenRead() {
        MigrationJobGauges.register(registry, () -> Optional.of(List.copyOf(cache).stream()));
        assertThat(registry.get(MeterNames.MIGRATION_JOBS).gauges()).hasSize(9);

        cache.add(job("a", MigrationStep.PRE, null, null, false));
        cache.add(job("b", MigrationStep.PRE, 0, 0, false));
        cache.add(job("c", MigrationStep.PRE, 1, null, false));
        cache.add(job("d", MigrationStep.POST, null, 1, false));
        cache.add(job("e", MigrationStep.ASSETS, null, null, true));
        assertThat(gauge("pre", "running")).isEqualTo(2);
        assertThat(gauge("pre", "succeeded")).isEqualTo(1);
        assertThat(gauge("pre", "failed")).isZero();
        assertThat(gauge("post", "failed")).isEqualTo(1);
        assertThat(gauge("assets", "failed")).isEqualTo(1);
        assertThat(gauge("assets", "running")).isZero();

        cache.clear();
        assertThat(gauge("pre", "running")).isZero();
    }

    @Test
    void aJobWithoutTheStepLabelIsNoStepsAndACacheThatCannotBeReadIsNaN() {
        Job unlabelled = new JobBuilder().withNewMetadata().withName("other").endMetadata().build();
        MigrationJobGauges.register(registry, () -> Optional.of(List.of(unlabelled).stream()));
        assertThat(registry.get(MeterNames.MIGRATION_JOBS).gauges()).allSatisfy(g -> assertThat(g.value()).isZero());

        SimpleMeterRegistry unreadable = new SimpleMeterRegistry();
        MigrationJobGauges.register(unreadable, Optional::empty);
        assertThat(unreadable.get(MeterNames.MIGRATION_JOBS).gauges()).allSatisfy(g -> assertThat(g.value()).isNaN());
    }
}
