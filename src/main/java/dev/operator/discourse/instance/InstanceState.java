package dev.operator.discourse.instance;

import java.util.List;

import dev.operator.discourse.instance.migration.MigrationPlan;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the reconciler learned about an instance before applying its workflow; dependents read it from the
 * reconcile context instead of working it out again. The migration plan is absent until the relations and the
 * config let the planner run.
 */
public record InstanceState(List<String> configErrors, RelationGate database, RelationGate redis, MigrationPlan migration,
        boolean ingressTls, String uploadsRefusal, int liveReplicas) {

    static final String CONTEXT_KEY = InstanceState.class.getName();

    public InstanceState(List<String> configErrors, RelationGate database, RelationGate redis) {
        this(configErrors, database, redis, null, false, null, 0);
    }

    public InstanceState(List<String> configErrors, RelationGate database, RelationGate redis, MigrationPlan migration) {
        this(configErrors, database, redis, migration, false, null, 0);
    }

    public static InstanceState from(Context<?> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(CONTEXT_KEY, InstanceState.class);
    }

    void putInto(Context<?> context) {
        context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, this);
    }

    InstanceState withMigration(MigrationPlan plan) {
        return new InstanceState(configErrors, database, redis, plan, ingressTls, uploadsRefusal, liveReplicas);
    }

    /** An IngressRelation terminates TLS: where forceHttps is unset, the forum is reached over https. */
    InstanceState withIngressTls(boolean tls) {
        return new InstanceState(configErrors, database, redis, migration, tls, uploadsRefusal, liveReplicas);
    }

    /** Why the uploads volume is not as the spec says (a smaller size than it has), or null. */
    InstanceState withUploadsRefusal(String refusal) {
        return new InstanceState(configErrors, database, redis, migration, ingressTls, refusal, liveReplicas);
    }

    /** The replicas the live StatefulSet asks for now: what runs, whatever the checks say. */
    InstanceState withLiveReplicas(int replicas) {
        return new InstanceState(configErrors, database, redis, migration, ingressTls, uploadsRefusal, replicas);
    }

    public boolean configValid() {
        return configErrors.isEmpty();
    }

    public boolean relationsReady() {
        return database.ready() && redis.ready();
    }

    /**
     * Both relations are there and the forum runs, but a check fails now (a server down, a failover): the pods
     * keep running, and only what has not happened yet waits.
     */
    public boolean degraded() {
        return !relationsReady() && database.present() && redis.present() && liveReplicas > 0;
    }

    /**
     * Zero until both relations are ready (Discourse cannot boot without PostgreSQL and Redis), and on a first
     * install until the pre-deployment migrations have created the schema. A forum that runs is never scaled
     * down because a check failed: while degraded it keeps the pods it has (fewer if the spec asks for fewer,
     * none added until the checks pass again). Deleting a relation still brings it to zero.
     */
    public int workloadReplicas(int specReplicas) {
        return workloadReplicas(specReplicas, liveReplicas);
    }

    /** The same for a workload other than web (a separate Sidekiq), which runs live pods of its own. */
    public int workloadReplicas(int specReplicas, int liveOfWorkload) {
        if (migration != null && migration.holdAtZero()) {
            return 0;
        }
        if (relationsReady()) {
            return specReplicas;
        }
        return degraded() ? Math.min(specReplicas, liveOfWorkload) : 0;
    }

    /**
     * While degraded, a new pod template (an edit of the spec, the next pods of an upgrade) is written but not
     * rolled out: the StatefulSet's partition at its replica count keeps every running pod as it is, since a
     * replaced pod could not pass its readiness check until the server is back. Null when nothing is held.
     */
    public Integer heldRolloutPartition(int workloadReplicas) {
        return degraded() ? workloadReplicas : null;
    }

    /** The spec's image, unless the migrations for it have not run yet: then what runs now keeps running. */
    public String workloadImage(String specImage) {
        return migration == null ? specImage : migration.workloadImage();
    }
}
