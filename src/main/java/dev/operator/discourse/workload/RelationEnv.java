package dev.operator.discourse.workload;

import java.util.List;

/** Env name prefixes that relation reconcilers own on the workload; nobody else may set such a name. */
public final class RelationEnv {

    public static final List<String> OWNED_PREFIXES = List.of("DISCOURSE_DB_", "DISCOURSE_REDIS_", "DISCOURSE_PROMETHEUS_");

    private RelationEnv() {
    }

    public static boolean isRelationOwned(String name) {
        return OWNED_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
