package dev.operator.discourse.workload;

import java.util.List;
import java.util.Set;

/** Env names that relation reconcilers own on the workload; nobody else may set such a name. */
public final class RelationEnv {

    public static final String DATABASE_PREFIX = "DISCOURSE_DB_";
    public static final String REDIS_PREFIX = "DISCOURSE_REDIS_";
    public static final List<String> OWNED_PREFIXES = List.of(DATABASE_PREFIX, REDIS_PREFIX, "DISCOURSE_PROMETHEUS_");
    /** libpq's own TLS settings, which the database relation sets. */
    public static final Set<String> OWNED_NAMES = Set.of("PGSSLMODE", "PGSSLROOTCERT");

    private RelationEnv() {
    }

    public static boolean isRelationOwned(String name) {
        return OWNED_NAMES.contains(name) || OWNED_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
