package dev.operator.discourse.workload;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The discourse container of a live StatefulSet, if it has one yet. */
public final class WorkloadContainer {

    /** What the relations must have applied before a Job can reach the database and Redis. */
    public static final Set<String> RELATION_ENV = Set.of("DISCOURSE_DB_HOST", "DISCOURSE_REDIS_HOST");

    private WorkloadContainer() {
    }

    /** Whether the database and Redis relations have applied their settings to the workload yet. */
    public static boolean hasRelationEnv(StatefulSet sts) {
        Set<String> names = of(sts).map(c -> c.getEnv() == null ? Set.<String>of()
                : c.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet())).orElse(Set.of());
        return names.containsAll(RELATION_ENV);
    }

    public static Optional<Container> of(StatefulSet sts) {
        return Optional.ofNullable(sts).map(StatefulSet::getSpec).map(s -> s.getTemplate()).map(t -> t.getSpec())
                .flatMap(p -> p.getContainers().stream().filter(c -> WorkloadNames.CONTAINER.equals(c.getName())).findFirst());
    }
}
