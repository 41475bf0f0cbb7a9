package dev.operator.discourse.workload;

/**
 * The server-side apply field managers, one per reconciler. Each owns a disjoint set of the workload
 * StatefulSet's fields; the API server's managedFields record which.
 */
public final class FieldManagers {

    public static final String INSTANCE = "discourse-instance";
    public static final String DATABASE = "discourse-database-relation";
    public static final String REDIS = "discourse-redis-relation";
    public static final String INGRESS = "discourse-ingress-relation";
    public static final String OBSERVABILITY = "discourse-observability-relation";
    /** Only the label that puts a user's Secret into the relations' informer caches. */
    public static final String SECRET_WATCH = "discourse-secret-watch";

    private FieldManagers() {
    }
}
