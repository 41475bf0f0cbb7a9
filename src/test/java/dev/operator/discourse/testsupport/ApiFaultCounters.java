package dev.operator.discourse.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What went through an {@link ApiFaultProxy} since the last reset: requests per verb and resource (faulted ones
 * included: the client sent them), writes per resource, the API server's answers per verb, resource and status,
 * the faults injected per kind, and the connections accepted (few connections for many requests: keep-alive
 * works). {@link #reset()} starts a new window and returns the old one, so a test can measure one phase.
 */
public final class ApiFaultCounters {

    /** One window's tallies; swapped whole on reset. */
    private static final class Tally {
        final long startedNanos = System.nanoTime();
        final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
        final Map<String, LongAdder> writes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        final Map<ApiFaultKind, LongAdder> faults = new ConcurrentHashMap<>();
        final LongAdder connections = new LongAdder();
    }

    private final AtomicReference<Tally> current = new AtomicReference<>(new Tally());

    void request(ApiFaultRequest request) {
        Tally t = current.get();
        add(t.requests, request.key());
        if (request.isWrite()) {
            add(t.writes, request.resource());
        }
    }

    void answered(ApiFaultRequest request, int status) {
        add(current.get().answers, request.key() + " " + status);
    }

    void fault(ApiFaultKind kind) {
        add(current.get().faults, kind);
    }

    void connection() {
        current.get().connections.increment();
    }

    /** The counts so far, the window going on. */
    public Snapshot snapshot() {
        return Snapshot.of(current.get());
    }

    /** The counts so far; the next window starts now, from zero. */
    public Snapshot reset() {
        return Snapshot.of(current.getAndSet(new Tally()));
    }

    private static <K> void add(Map<K, LongAdder> map, K key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** One window's counts, frozen. Keys are those of {@link ApiFaultRequest#key()}: "verb resource". */
    public record Snapshot(Duration window, Map<String, Long> requests, Map<String, Long> writes,
            Map<String, Long> answers, Map<ApiFaultKind, Long> faults, long connections) {

        private static Snapshot of(Tally t) {
            return new Snapshot(Duration.ofNanos(System.nanoTime() - t.startedNanos), freeze(t.requests),
                    freeze(t.writes), freeze(t.answers), freeze(t.faults), t.connections.sum());
        }

        private static <K extends Comparable<K>> Map<K, Long> freeze(Map<K, LongAdder> map) {
            return map.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum(),
                    Long::sum, TreeMap::new));
        }

        public long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        public long requests(String verb, String resource) {
            return requests.getOrDefault(verb + " " + resource, 0L);
        }

        public long totalWrites() {
            return writes.values().stream().mapToLong(Long::longValue).sum();
        }

        public long writes(String resource) {
            return writes.getOrDefault(resource, 0L);
        }

        /** How often the API server itself answered this verb on this resource with this status. */
        public long answers(String verb, String resource, int status) {
            return answers.getOrDefault(verb + " " + resource + " " + status, 0L);
        }

        public long faults(ApiFaultKind kind) {
            return faults.getOrDefault(kind, 0L);
        }

        public long totalFaults() {
            return faults.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Requests per second over the window. */
        public double requestsPerSecond() {
            return totalRequests() / Math.max(0.001, window.toMillis() / 1000.0);
        }

        /** The busiest verb and resource with its count, e.g. {@code "patch jobs=12"}; "none" when idle. */
        public String busiest() {
            return requests.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> e.getKey() + "=" + e.getValue()).orElse("none");
        }

        /** For assertion messages: everything, one line per kind of count. */
        @Override
        public String toString() {
            return String.format("%d requests in %.1f s (%.1f/s) over %d connections%n  requests %s%n  writes %s%n"
                    + "  answers %s%n  faults %s", totalRequests(), window.toMillis() / 1000.0, requestsPerSecond(),
                    connections, requests, writes, answers, faults);
        }
    }
}
