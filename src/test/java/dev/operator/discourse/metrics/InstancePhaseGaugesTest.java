package dev.operator.discourse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceStatus;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class InstancePhaseGaugesTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<DiscourseInstance> cache = new ArrayList<>();
    final AtomicBoolean readable = new AtomicBoolean(true);

    InstancePhaseGaugesTest() {
        InstancePhaseGauges.register(registry, () -> readable.get() ? Optional.of(List.copyOf(cache).stream())
                : Optional.empty());
    }

    static DiscourseInstance instance(String name, InstancePhase phase) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("forums").build());
        if (phase != null) {
            DiscourseInstanceStatus status = new DiscourseInstanceStatus();
            status.setPhase(phase);
            instance.setStatus(status);
        }
        return instance;
    }

    double gauge(InstancePhase phase) {
        return registry.get(MeterNames.INSTANCES).tag(MeterNames.TAG_PHASE, phase.name()).gauge().value();
    }

    @Test
    void oneGaugePerPhaseCountingTheCacheWhenRead() {
        assertThat(registry.get(MeterNames.INSTANCES).gauges()).hasSize(InstancePhase.values().length);
        for (InstancePhase phase : InstancePhase.values()) {
            assertThat(gauge(phase)).as(phase.name()).isZero();
        }

        cache.add(instance("a", InstancePhase.Ready));
        cache.add(instance("b", InstancePhase.Ready));
        cache.add(instance("c", InstancePhase.Degraded));
        cache.add(instance("d", InstancePhase.Migrating));
        assertThat(gauge(InstancePhase.Ready)).isEqualTo(2);
        assertThat(gauge(InstancePhase.Degraded)).isEqualTo(1);
        assertThat(gauge(InstancePhase.Migrating)).isEqualTo(1);
        assertThat(gauge(InstancePhase.RollingOut)).isZero();

        // read again at the next scrape: what left the cache is no longer counted
        cache.remove(0);
        assertThat(gauge(InstancePhase.Ready)).isEqualTo(1);
    }

    @Test
    void anInstanceWithoutAPhaseYetCountsAsPending() {
        cache.add(instance("new", null));
        DiscourseInstance emptyStatus = instance("written", null);
        emptyStatus.setStatus(new DiscourseInstanceStatus());
        cache.add(emptyStatus);
        cache.add(instance("waiting", InstancePhase.Pending));
        assertThat(gauge(InstancePhase.Pending)).isEqualTo(3);
    }

    @Test
    void aCacheThatCannotBeReadIsNaNNotZero() {
        cache.add(instance("a", InstancePhase.Ready));
        readable.set(false);
        for (InstancePhase phase : InstancePhase.values()) {
            assertThat(gauge(phase)).as(phase.name()).isNaN();
        }
    }
}
