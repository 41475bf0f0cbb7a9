package dev.operator.discourse.instance;

import java.time.Clock;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceStatus;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.instance.migration.MigrationPlan;
import dev.operator.discourse.status.Conditions;
import dev.operator.discourse.workload.WorkloadContainer;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/** Folds what one reconcile learned into the instance's status; pure, so every branch is unit-tested. */
public final class InstanceStatusAggregator {

    public static final String READY = "Ready";
    public static final String CONFIG_VALID = "ConfigValid";
    public static final String DATABASE_READY = "DatabaseReady";
    public static final String REDIS_READY = "RedisReady";
    public static final String PROGRESSING = "Progressing";
    public static final String UPLOADS_VOLUME = "UploadsVolume";
    public static final String SIDEKIQ_READY = "SidekiqReady";

    static final String DEGRADED = "the running pods keep serving; nothing new rolls out until the checks pass again";

    private InstanceStatusAggregator() {
    }

    /** A present relation whose check fails while the forum runs is a degraded dependency, not a reason to stop. */
    private static void setRelation(Conditions conditions, String type, RelationGate gate, boolean degraded) {
        if (!gate.ready() && gate.present() && degraded) {
            conditions.set(type, false, "RunningDegraded", gate.message() + "; " + DEGRADED);
        } else {
            conditions.set(type, gate.ready(), gate.reason(), gate.message());
        }
    }

    /**
     * The status after the API server refused an object the spec makes: ConfigValid and Progressing say so, and
     * everything else (the pods' Ready above all: they run on as they were) stays as it was.
     */
    public static DiscourseInstanceStatus refused(DiscourseInstance instance, DiscourseInstanceStatus previous,
            String message, Clock clock) {
        Conditions conditions = new Conditions(previous.getConditions(), instance.getMetadata().getGeneration(), clock);
        for (var kept : previous.getConditions()) {
            if (!kept.getType().equals(CONFIG_VALID) && !kept.getType().equals(PROGRESSING)) {
                conditions.set(kept.getType(), Conditions.TRUE.equals(kept.getStatus()), kept.getReason(), kept.getMessage());
            }
        }
        conditions.set(CONFIG_VALID, false, "RefusedByApiServer", message);
        conditions.set(PROGRESSING, false, "RefusedByApiServer", "Nothing is rolled out until the spec is fixed");
        if (Conditions.find(previous.getConditions(), READY).isEmpty()) {
            conditions.set(READY, false, "RefusedByApiServer", message);
        }
        DiscourseInstanceStatus status = new DiscourseInstanceStatus();
        status.setObservedGeneration(instance.getMetadata().getGeneration());
        status.setConditions(conditions.build());
        status.setReplicas(previous.getReplicas());
        status.setReadyReplicas(previous.getReadyReplicas());
        status.setSelector(previous.getSelector());
        status.setSidekiqReplicas(previous.getSidekiqReplicas());
        status.setSidekiqReadyReplicas(previous.getSidekiqReadyReplicas());
        status.setUrl(previous.getUrl());
        status.setPhase(previous.getPhase() == null ? InstancePhase.Pending : previous.getPhase());
        status.setCurrentImage(previous.getCurrentImage());
        status.setTargetImage(instance.getSpec().getImage());
        status.setDiscourseVersion(previous.getDiscourseVersion());
        status.setMigration(previous.getMigration());
        return status;
    }

    public static DiscourseInstanceStatus aggregate(DiscourseInstance instance, InstanceState state,
            Optional<StatefulSet> workload, Clock clock) {
        return aggregate(instance, state, workload, Optional.empty(), clock);
    }

    public static DiscourseInstanceStatus aggregate(DiscourseInstance instance, InstanceState state,
            Optional<StatefulSet> workload, Optional<StatefulSet> sidekiq, Clock clock) {
        DiscourseInstanceStatus previous = Optional.ofNullable(instance.getStatus()).orElseGet(DiscourseInstanceStatus::new);
        Long generation = instance.getMetadata().getGeneration();
        Conditions conditions = new Conditions(previous.getConditions(), generation, clock);

        String configMessage = String.join(", ", state.configErrors());
        conditions.set(CONFIG_VALID, state.configValid(), state.configValid() ? "Valid" : "InvalidConfig", configMessage);
        setRelation(conditions, DATABASE_READY, state.database(), state.degraded());
        setRelation(conditions, REDIS_READY, state.redis(), state.degraded());
        if (!instance.getSpec().getS3().isEnabled()) {
            conditions.set(UPLOADS_VOLUME, state.uploadsRefusal() == null,
                    state.uploadsRefusal() == null ? "AsSpecified" : "CannotResize", state.uploadsRefusal());
        }

        int wanted = state.configValid() ? state.workloadReplicas(instance.getSpec().getReplicas())
                : workload.map(s -> s.getSpec().getReplicas()).orElse(0);
        int ready = workload.map(StatefulSet::getStatus).map(StatefulSetStatus::getReadyReplicas).orElse(0);
        boolean rolledOut = workload.map(s -> Rollout.complete(s, wanted)).orElse(false);
        boolean separateSidekiq = instance.getSpec().getSidekiq().separate();
        int sidekiqWanted = !separateSidekiq ? 0 : state.configValid()
                ? state.workloadReplicas(instance.getSpec().getSidekiq().getReplicas(),
                        sidekiq.map(s -> s.getSpec().getReplicas()).orElse(0))
                : sidekiq.map(s -> s.getSpec().getReplicas()).orElse(0);
        int sidekiqReady = sidekiq.map(StatefulSet::getStatus).map(StatefulSetStatus::getReadyReplicas).orElse(0);
        boolean sidekiqRolledOut = !separateSidekiq || sidekiq.map(s -> Rollout.complete(s, sidekiqWanted)).orElse(false);
        if (separateSidekiq) {
            boolean sidekiqServing = sidekiqRolledOut && sidekiqReady >= sidekiqWanted && sidekiqWanted > 0;
            conditions.set(SIDEKIQ_READY, sidekiqServing,
                    sidekiqServing ? "Ready" : sidekiq.isEmpty() ? "Creating" : sidekiqWanted == 0 ? "NoPods" : "PodsNotReady",
                    sidekiqReady + "/" + sidekiqWanted + " Sidekiq pods ready");
        }

        MigrationPlan plan = state.migration();
        if (!state.configValid()) {
            conditions.set(PROGRESSING, false, "InvalidConfig", "Nothing is rolled out while the configuration is invalid");
        } else if (plan != null && plan.failed()) {
            conditions.set(PROGRESSING, false, plan.failureReason(), plan.message());
        } else if (plan != null && (plan.phase() == InstancePhase.Migrating || plan.phase() == InstancePhase.PostMigrating)) {
            conditions.set(PROGRESSING, true, plan.phase().name(), plan.message());
        } else if (workload.isEmpty()) {
            conditions.set(PROGRESSING, true, "Creating", "Creating the workload");
        } else if (!rolledOut) {
            conditions.set(PROGRESSING, true, "RollingOut", ready + "/" + wanted + " pods ready");
        } else if (!sidekiqRolledOut) {
            conditions.set(PROGRESSING, true, "RollingOutSidekiq", sidekiqReady + "/" + sidekiqWanted + " Sidekiq pods ready");
        } else {
            conditions.set(PROGRESSING, false, "RolloutComplete", ready + "/" + wanted + " pods ready");
        }

        if (!state.configValid()) {
            conditions.set(READY, false, "InvalidConfig", configMessage);
        } else if (state.degraded()) {
            // the pods say whether the forum serves; the relation conditions say what it lacks
            boolean serving = rolledOut && ready >= wanted;
            conditions.set(READY, serving, serving ? "ReadyDegraded" : "PodsNotReady",
                    ready + "/" + wanted + " pods ready; " + DEGRADED);
        } else if (!state.database().ready()) {
            conditions.set(READY, false, "WaitingForDatabase", state.database().message());
        } else if (!state.redis().ready()) {
            conditions.set(READY, false, "WaitingForRedis", state.redis().message());
        } else if (plan != null && plan.holdAtZero()) {
            conditions.set(READY, false, plan.phase() == InstancePhase.Restoring ? "Restoring"
                    : plan.failed() ? plan.failureReason() : "Migrating", plan.message());
        } else if (wanted == 0) {
            conditions.set(READY, false, "ScaledToZero", "spec.replicas is 0");
        } else if (!rolledOut || ready < wanted) {
            conditions.set(READY, false, "PodsNotReady", ready + "/" + wanted + " pods ready");
        } else {
            conditions.set(READY, true, "Ready", ready + "/" + wanted + " pods ready");
        }

        DiscourseInstanceStatus status = new DiscourseInstanceStatus();
        status.setObservedGeneration(generation);
        status.setConditions(conditions.build());
        status.setReplicas(wanted);
        status.setReadyReplicas(ready);
        status.setSelector(WorkloadNames.webSelector(instance.getMetadata().getName()));
        if (separateSidekiq) {
            status.setSidekiqReplicas(sidekiqWanted);
            status.setSidekiqReadyReplicas(sidekiqReady);
        }
        status.setUrl((InstanceEnv.https(instance.getSpec(), state.ingressTls()) ? "https://" : "http://")
                + InstanceEnv.hostname(instance));
        String target = instance.getSpec().getImage();
        status.setTargetImage(target);
        status.setCurrentImage(workload.flatMap(WorkloadContainer::of).map(c -> c.getImage()).orElse(null));
        status.setPhase(state.degraded() ? InstancePhase.Degraded : plan == null ? InstancePhase.Pending : plan.phase());
        status.setMigration(plan == null ? null : plan.migration());
        // A Job's pods may be gone by now; the version learned for this image stays.
        String version = plan == null ? null : plan.discourseVersion();
        if (version == null && target.equals(previous.getTargetImage())) {
            version = previous.getDiscourseVersion();
        }
        status.setDiscourseVersion(version);
        return status;
    }
}
