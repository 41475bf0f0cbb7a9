package dev.operator.discourse.testsupport;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The fault policy of an {@link ApiFaultProxy}: which share of requests to hit, with which kinds of fault, and
 * which requests may be hit at all. It may change while requests flow (every setter is atomic; a request sees
 * the policy before or after a change, never half of it), and {@link #clear()} stops every fault at once.
 *
 * <p>The choices come from a seeded {@link Random}: the same seed gives the same sequence of decisions. Which
 * request gets which decision still depends on the order requests arrive in, which no test controls.
 */
public final class ApiFaults {

    /** How long a {@link ApiFaultKind#TIMEOUT} holds a request unless told otherwise. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(5);
    private static final Duration DEFAULT_WATCH_MIN = Duration.ofMillis(500);
    private static final Duration DEFAULT_WATCH_MAX = Duration.ofSeconds(5);

    /** One complete policy; replaced whole, so readers never see a mix of two. */
    private record Plan(double share, Set<ApiFaultKind> kinds, ApiFaultFilter filter, boolean everyRequest,
            Map<ApiFaultKind, ApiFaultFilter> exempt, Duration hold, Duration watchMin, Duration watchMax) {

        Plan with(double newShare, Set<ApiFaultKind> newKinds) {
            return new Plan(newShare, newKinds, filter, everyRequest, exempt, hold, watchMin, watchMax);
        }

        Plan with(ApiFaultFilter newFilter) {
            return new Plan(share, kinds, newFilter, false, exempt, hold, watchMin, watchMax);
        }

        Plan with(Map<ApiFaultKind, ApiFaultFilter> newExempt) {
            return new Plan(share, kinds, filter, everyRequest, Map.copyOf(newExempt), hold, watchMin, watchMax);
        }

        Plan with(Duration newHold, Duration newWatchMin, Duration newWatchMax) {
            return new Plan(share, kinds, filter, everyRequest, exempt, newHold, newWatchMin, newWatchMax);
        }
    }

    private static final Plan NONE = new Plan(0, Set.of(), ApiFaultFilter.all(), true, Map.of(), DEFAULT_HOLD,
            DEFAULT_WATCH_MIN, DEFAULT_WATCH_MAX);

    private volatile Plan plan = NONE;
    /** Guarded by this. */
    private Random random;
    /** Faults still to inject before the policy clears itself; negative for no limit. Guarded by this. */
    private long remaining = -1;

    ApiFaults(long seed) {
        this.random = new Random(seed);
    }

    /** Hits {@code share} (0..1) of the requests the filter lets through, each with one of {@code kinds}. */
    public synchronized ApiFaults inject(double share, ApiFaultKind... kinds) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be within 0..1: " + share);
        }
        Set<ApiFaultKind> set = kinds.length == 0 ? Set.of() : Set.copyOf(EnumSet.copyOf(List.of(kinds)));
        plan = plan.with(share, set);
        return this;
    }

    /** Only requests the filter accepts may be hit ({@link ApiFaultFilter#writes()}, a verb, a path). */
    public synchronized ApiFaults only(ApiFaultFilter filter) {
        plan = plan.with(filter);
        return this;
    }

    /** This kind never hits the requests the filter accepts; the other kinds still may. */
    public synchronized ApiFaults exempt(ApiFaultKind kind, ApiFaultFilter requests) {
        Map<ApiFaultKind, ApiFaultFilter> exempt = new HashMap<>(plan.exempt);
        exempt.put(kind, requests);
        plan = plan.with(exempt);
        return this;
    }

    /** After this many more faults the policy clears itself: a fault that must happen once, not again. */
    public synchronized ApiFaults atMost(long faults) {
        if (faults <= 0) {
            throw new IllegalArgumentException("at most " + faults + " faults: clear() the policy instead");
        }
        remaining = faults;
        return this;
    }

    /** How long a {@link ApiFaultKind#TIMEOUT} holds a request before closing its connection unanswered. */
    public synchronized ApiFaults holdFor(Duration hold) {
        Plan p = plan;
        plan = p.with(hold, p.watchMin, p.watchMax);
        return this;
    }

    /**
     * With {@link ApiFaultKind#DROP_WATCH}, each open watch gets its chance (the share) to be cut again and again,
     * each time after a random wait within these bounds.
     */
    public synchronized ApiFaults dropWatchesAfter(Duration min, Duration max) {
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException(max + " < " + min);
        }
        plan = plan.with(plan.hold, min, max);
        return this;
    }

    /** Starts the sequence of decisions afresh from this seed. */
    public synchronized ApiFaults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** No fault any more, and every setting back to its default. */
    public synchronized void clear() {
        plan = NONE;
        remaining = -1;
    }

    /** Whether any request can be hit now. */
    public boolean active() {
        Plan p = plan;
        return p.share > 0 && !p.kinds.isEmpty();
    }

    /** The fault for this request, or empty to forward it untouched. */
    synchronized Optional<ApiFaultKind> decide(ApiFaultRequest request) {
        Plan p = plan;
        if (p.share <= 0 || !p.filter.test(request)) {
            return Optional.empty();
        }
        List<ApiFaultKind> applicable = p.kinds.stream().filter(k -> k.answers(request))
                .filter(k -> !exempt(p, k, request)).sorted().toList();
        if (applicable.isEmpty() || random.nextDouble() >= p.share) {
            return Optional.empty();
        }
        return Optional.of(counted(applicable.get(random.nextInt(applicable.size()))));
    }

    /** Whether an open watch stream is to be cut now; asked again and again while it streams. */
    synchronized boolean cutsWatch(ApiFaultRequest watch) {
        Plan p = plan;
        if (!watch.isWatch() || !p.kinds.contains(ApiFaultKind.DROP_WATCH) || !p.filter.test(watch)
                || exempt(p, ApiFaultKind.DROP_WATCH, watch) || random.nextDouble() >= p.share) {
            return false;
        }
        counted(ApiFaultKind.DROP_WATCH);
        return true;
    }

    private static boolean exempt(Plan p, ApiFaultKind kind, ApiFaultRequest request) {
        ApiFaultFilter exempt = p.exempt.get(kind);
        return exempt != null && exempt.test(request);
    }

    /** Counts a fault against {@link #atMost}; the last one allowed clears the policy. */
    private ApiFaultKind counted(ApiFaultKind kind) {
        if (remaining > 0 && --remaining == 0) {
            clear();
        }
        return kind;
    }

    /**
     * Whether to close a new connection before it sends anything. Only a policy that may hit every request
     * refuses connections: with a filter or an exemption, whether to refuse depends on the request, which
     * comes later.
     */
    synchronized boolean refusesConnection() {
        Plan p = plan;
        if (p.everyRequest && p.exempt.isEmpty() && p.kinds.contains(ApiFaultKind.REFUSE)
                && random.nextDouble() < p.share) {
            counted(ApiFaultKind.REFUSE);
            return true;
        }
        return false;
    }

    Duration hold() {
        return plan.hold;
    }

    /** How long until an open watch is looked at again ({@link #cutsWatch}). */
    synchronized Duration watchLifetime() {
        Plan p = plan;
        long spread = p.watchMax.toMillis() - p.watchMin.toMillis();
        return p.watchMin.plusMillis(spread == 0 ? 0 : (long) (random.nextDouble() * spread));
    }

    @Override
    public String toString() {
        Plan p = plan;
        return active() ? "faults " + p.kinds + " on " + Math.round(p.share * 100) + "% of "
                + (p.everyRequest ? "all requests" : "filtered requests") : "no faults";
    }
}
