package dev.operator.discourse.relation.observability;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.ObservabilityRelation;

/**
 * One ObservabilityRelation per instance: every one applies its workload fields under the same field manager, so
 * a second would overwrite the first's and, when deleted, remove them. The one created first keeps the instance;
 * the others say so and touch nothing.
 */
final class FirstRelation {

    private static final Comparator<ObservabilityRelation> AGE = Comparator
            .comparing((ObservabilityRelation r) -> r.getMetadata().getCreationTimestamp(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.getMetadata().getName());

    private FirstRelation() {
    }

    /**
     * The relation for the same instance created before this one, if any; relations being deleted do not count.
     * Creation timestamps are RFC 3339 in UTC with second precision, so they compare as strings; the name breaks
     * a tie.
     */
    static Optional<ObservabilityRelation> before(ObservabilityRelation relation,
            Collection<ObservabilityRelation> relations) {
        String instance = relation.getSpec().instanceName();
        return relations.stream()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                .filter(r -> r.getSpec() != null && instance != null && instance.equals(r.getSpec().instanceName()))
                .filter(r -> r.getMetadata().getNamespace().equals(relation.getMetadata().getNamespace()))
                .filter(r -> !r.getMetadata().getName().equals(relation.getMetadata().getName()))
                .min(AGE)
                .filter(first -> AGE.compare(first, relation) < 0);
    }
}
