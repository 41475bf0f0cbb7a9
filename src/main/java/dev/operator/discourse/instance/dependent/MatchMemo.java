package dev.operator.discourse.instance.dependent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Remembers that a live object matched what was desired, so that the next reconcile with the same desired
 * object and the same live spec and metadata skips JOSDK's server-side-apply matcher, which converts both to
 * maps and walks them (about a tenth of the operator's CPU in the benchmark). Most reconciles of an instance come
 * from its StatefulSet's status, which the controller rewrites at every pod change: the spec's generation, the
 * labels and the annotations stay, and so does the answer. Bounded, so instances deleted long ago cost nothing.
 */
final class MatchMemo {

    static final int MAX_ENTRIES = 10_000;

    private record Seen(Long generation, int labels, int annotations, int desired) {
    }

    private final Map<ResourceID, Seen> matched = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ResourceID, Seen> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Whether {@code actual} matches {@code desired}: remembered, or else {@code match} asked and remembered. */
    boolean matches(HasMetadata actual, HasMetadata desired, BooleanSupplier match) {
        ResourceID id = ResourceID.fromResource(actual);
        Seen now = new Seen(actual.getMetadata().getGeneration(), Objects.hashCode(actual.getMetadata().getLabels()),
                Objects.hashCode(actual.getMetadata().getAnnotations()), desired.hashCode());
        synchronized (matched) {
            if (now.equals(matched.get(id))) {
                return true;
            }
        }
        boolean result = match.getAsBoolean();
        synchronized (matched) {
            if (result) {
                matched.put(id, now);
            } else {
                matched.remove(id);
            }
        }
        return result;
    }

    int size() {
        synchronized (matched) {
            return matched.size();
        }
    }
}
