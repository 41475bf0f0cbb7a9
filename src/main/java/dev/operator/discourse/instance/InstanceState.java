package dev.operator.discourse.instance;

import java.util.List;

import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the reconciler learned about an instance before applying its workflow; dependents read it from the
 * reconcile context instead of working it out again.
 */
public record InstanceState(List<String> configErrors, RelationGate database, RelationGate redis) {

    static final String CONTEXT_KEY = InstanceState.class.getName();

    public static InstanceState from(Context<?> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(CONTEXT_KEY, InstanceState.class);
    }

    void putInto(Context<?> context) {
        context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, this);
    }

    public boolean configValid() {
        return configErrors.isEmpty();
    }

    public boolean relationsReady() {
        return database.ready() && redis.ready();
    }

    /** Zero until both relations are ready: Discourse cannot boot without PostgreSQL and Redis. */
    public int workloadReplicas(int specReplicas) {
        return relationsReady() ? specReplicas : 0;
    }
}
