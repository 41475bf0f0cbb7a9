package dev.operator.discourse.api.v1alpha1;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** A relation kind, seen from the instance it binds. */
public interface Relation extends HasMetadata {

    RelationSpec getSpec();

    RelationStatus getStatus();

    default String instanceName() {
        return getSpec() == null ? null : getSpec().instanceName();
    }

    /** Ready=True for the current generation: checked, and applied to the workload. */
    default boolean ready() {
        return readyCondition()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> c.getObservedGeneration() == null
                        || c.getObservedGeneration().equals(getMetadata().getGeneration()))
                .isPresent();
    }

    default Optional<Condition> readyCondition() {
        RelationStatus status = getStatus();
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}
