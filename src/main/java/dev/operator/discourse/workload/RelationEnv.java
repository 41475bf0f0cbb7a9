package dev.operator.discourse.workload;

import java.util.List;
import java.util.Set;

/** Env names that relation reconcilers own on the workload; nobody else may set such a name. */
public final class RelationEnv {

    public static final List<String> OWNED_PREFIXES = List.of("DISCOURSE_DB_", "DISCOURSE_REDIS_", "DISCOURSE_PROMETHEUS_");
    /** libpq's own TLS settings, which the database relation sets. */
    public static final Set<String> OWNED_NAMES = Set.of("PGSSLMODE", "PGSSLROOTCERT");

    private RelationEnv() {
    }

    public static boolean isRelationOwned(String name) {
        return OWNED_NAMES.contains(name) || OWNED_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
