package dev.operator.discourse.api.v1alpha1;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A relation of any kind, seen from the instance it binds. A record rather than an interface on the custom
 * resource classes: an extra HasMetadata sub-interface there makes fabric8 read them as generic resources.
 */
public record RelationView(String name, String namespace, String instanceName, Long generation, boolean deleting,
        List<Condition> conditions) {

    public static RelationView of(HasMetadata resource, RelationSpec spec, RelationStatus status) {
        return new RelationView(resource.getMetadata().getName(), resource.getMetadata().getNamespace(),
                spec == null ? null : spec.instanceName(), resource.getMetadata().getGeneration(),
                resource.getMetadata().getDeletionTimestamp() != null,
                status == null || status.getConditions() == null ? List.of() : status.getConditions());
    }

    /** Ready=True for the current generation: checked, and applied to the workload. */
    public boolean ready() {
        return readyCondition()
                .filter(c -> "True".equals(c.getStatus()))
                .filter(c -> c.getObservedGeneration() == null || c.getObservedGeneration().equals(generation))
                .isPresent();
    }

    public Optional<Condition> readyCondition() {
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}
