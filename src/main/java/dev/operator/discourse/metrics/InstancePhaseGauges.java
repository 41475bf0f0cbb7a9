package dev.operator.discourse.metrics;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One gauge per {@link InstancePhase}, counted when scraped from what the instances' cache holds then: the
 * reconciler keeps no tally that could drift from its cache, and a deleted instance leaves no stale count.
 */
public final class InstancePhaseGauges {

    private InstancePhaseGauges() {
    }

    /** {@code instances} is empty while no cache can be read; the gauges then say NaN rather than a false 0. */
    public static void register(MeterRegistry registry, Supplier<Optional<Stream<DiscourseInstance>>> instances) {
        for (InstancePhase phase : InstancePhase.values()) {
            Gauge.builder(MeterNames.INSTANCES, () -> count(instances.get(), phase))
                    .description("DiscourseInstances in this phase, from the operator's cache")
                    .tag(MeterNames.TAG_PHASE, phase.name())
                    .register(registry);
        }
    }

    static double count(Optional<Stream<DiscourseInstance>> instances, InstancePhase phase) {
        return instances.map(all -> (double) all.filter(i -> phaseOf(i) == phase).count()).orElse(Double.NaN);
    }

    /** Until the reconciler first writes a status, the instance waits as a Pending one does. */
    static InstancePhase phaseOf(DiscourseInstance instance) {
        return instance.getStatus() == null || instance.getStatus().getPhase() == null ? InstancePhase.Pending
                : instance.getStatus().getPhase();
    }
}
