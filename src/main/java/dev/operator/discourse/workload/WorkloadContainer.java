package dev.operator.discourse.workload;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The discourse container of a live StatefulSet, if it has one yet. */
public final class WorkloadContainer {

    private WorkloadContainer() {
    }

    public static Optional<Container> of(StatefulSet sts) {
        return Optional.ofNullable(sts).map(StatefulSet::getSpec).map(s -> s.getTemplate()).map(t -> t.getSpec())
                .flatMap(p -> p.getContainers().stream().filter(c -> WorkloadNames.CONTAINER.equals(c.getName())).findFirst());
    }
}
