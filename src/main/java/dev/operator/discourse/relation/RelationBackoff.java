package dev.operator.discourse.relation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * How long a relation waits before checking a failing server again: as long as it has been failing, at least
 * 5 s and at most 20 s, so retries at the scheduled times double the wait until then. The cap is what bounds
 * recovery: a forum whose database comes back after an hour is Ready again within about 20 s, not 5 minutes,
 * for the price of one connection attempt per relation every 20 s during an outage. Measured from the first failure
 * rather than counted per reconcile: events that wake the relation meanwhile (its instance, the workload)
 * must neither hammer the server nor push the next check far into the future.
 */
public final class RelationBackoff {

    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofSeconds(20);

    private final Map<ResourceID, Instant> failingSince = new ConcurrentHashMap<>();
    private final Clock clock;

    public RelationBackoff() {
        this(Clock.systemUTC());
    }

    RelationBackoff(Clock clock) {
        this.clock = clock;
    }

    public Duration failed(ResourceID id) {
        Instant now = clock.instant();
        Duration failing = Duration.between(failingSince.computeIfAbsent(id, k -> now), now);
        if (failing.compareTo(FIRST) < 0) {
            return FIRST;
        }
        return failing.compareTo(MAX) > 0 ? MAX : failing;
    }

    public void succeeded(ResourceID id) {
        failingSince.remove(id);
    }
}
