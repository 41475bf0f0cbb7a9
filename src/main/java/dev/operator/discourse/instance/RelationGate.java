package dev.operator.discourse.instance;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import dev.operator.discourse.api.v1alpha1.RelationView;

/**
 * Whether one kind of relation lets the workload run, and the words that say why not. {@code present}: exactly
 * one relation of the kind is there and not being deleted, whether or not its check passes now; a running forum
 * keeps running while a present relation's server cannot be reached.
 */
public record RelationGate(boolean ready, boolean present, String reason, String message) {

    public static RelationGate database(Collection<RelationView> relations) {
        return of("DatabaseRelation", relations, "Waiting for database relation",
                "Waiting for database relation");
    }

    public static RelationGate redis(Collection<RelationView> relations) {
        return of("RedisRelation", relations, "Waiting for redis relation",
                "Waiting for redis relation to initialize");
    }

    private static RelationGate of(String kind, Collection<RelationView> relations, String missing,
            String initializing) {
        List<RelationView> live = relations.stream()
                .filter(r -> !r.deleting())
                .toList();
        if (live.isEmpty()) {
            return new RelationGate(false, false, "RelationMissing", missing);
        }
        if (live.size() > 1) {
            String names = live.stream().map(RelationView::name).sorted().collect(Collectors.joining(", "));
            return new RelationGate(false, false, "RelationConflict",
                    "More than one " + kind + " points at this instance (" + names + "); keep one");
        }
        RelationView relation = live.get(0);
        if (!relation.ready()) {
            String detail = relation.readyCondition().map(c -> c.getMessage()).filter(m -> m != null && !m.isBlank())
                    .map(m -> ": " + m).orElse("");
            return new RelationGate(false, true, "RelationNotReady", initializing + detail);
        }
        return new RelationGate(true, true, "RelationReady", kind + " " + relation.name() + " is ready");
    }
}
