package dev.operator.discourse.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One piece of bad input: an object of one kind with a spec the API server accepts, the condition it must end
 * with, and any further checks. {@code knownBug} names the src/main bug that keeps it from passing today (the
 * cases with one run in a disabled test of their own, so the rest stay green).
 */
record BadInputCase(String name, String kind, Map<String, Object> spec, BadInputCondition expected,
        List<BadInputCheck> checks, String knownBug) {

    static BadInputCase of(String kind, String name, Map<String, Object> spec) {
        return new BadInputCase(name, kind, spec, null, List.of(), null);
    }

    BadInputCase expect(BadInputCondition condition) {
        return new BadInputCase(name, kind, spec, condition, checks, knownBug);
    }

    BadInputCase check(BadInputCheck check) {
        List<BadInputCheck> more = new ArrayList<>(checks);
        more.add(check);
        return new BadInputCase(name, kind, spec, expected, List.copyOf(more), knownBug);
    }

    BadInputCase knownBug(String bug) {
        return new BadInputCase(name, kind, spec, expected, checks, bug);
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
