package dev.operator.discourse.metrics;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Times the live checks of PostgreSQL and Redis, tagged with the relation's kind and the check's result word.
 * The buckets reach past the checks' own timeouts (5 s to connect, 15 s to read), so a server that accepts
 * connections and never answers shows as the slow tail it is.
 */
@ApplicationScoped
public class RelationCheckTimer {

    static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(20) };

    private final MeterRegistry registry;

    public RelationCheckTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Timing nowhere: for checks built outside the application, as unit tests build them. */
    public static RelationCheckTimer unregistered() {
        return new RelationCheckTimer(new CompositeMeterRegistry());
    }

    /**
     * Runs the check and records its duration under its result. A check that throws is recorded as
     * {@code Exception}: the checks classify every failure they expect, so that one is a bug to see.
     */
    public <R> R time(String kind, Supplier<R> check, Function<R, String> result) {
        long start = System.nanoTime();
        String outcome = "Exception";
        try {
            R value = check.get();
            outcome = result.apply(value);
            return value;
        } finally {
            timer(kind, outcome).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private Timer timer(String kind, String result) {
        return Timer.builder(MeterNames.RELATION_CHECKS)
                .description("Live checks of PostgreSQL and Redis by the relations, by result")
                .tags(MeterNames.TAG_KIND, kind, MeterNames.TAG_RESULT, result)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
