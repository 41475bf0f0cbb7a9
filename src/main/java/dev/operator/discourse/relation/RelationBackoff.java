package dev.operator.discourse.relation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * How long a relation waits before checking a failing server again: 5 s doubling to 5 min, reset on success.
 * A wrong password must not become a hot loop against the database.
 */
public final class RelationBackoff {

    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofMinutes(5);

    private final Map<ResourceID, Integer> failures = new ConcurrentHashMap<>();

    public Duration failed(ResourceID id) {
        int n = failures.merge(id, 1, Integer::sum);
        long seconds = FIRST.getSeconds() << Math.min(n - 1, 16);
        return seconds >= MAX.getSeconds() ? MAX : Duration.ofSeconds(seconds);
    }

    public void succeeded(ResourceID id) {
        failures.remove(id);
    }
}
