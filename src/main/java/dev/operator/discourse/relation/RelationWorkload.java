package dev.operator.discourse.relation;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.api.v1alpha1.RelationStatus;
import dev.operator.discourse.status.EventRecorder;
import dev.operator.discourse.workload.WorkloadNames;
import dev.operator.discourse.workload.WorkloadPatch;
import dev.operator.discourse.workload.WorkloadPatcher;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The steps every relation takes around its instance's workload: find the instance, apply its intent to the
 * StatefulSet under its own field manager, and on deletion apply an empty intent so that exactly its fields go.
 */
public final class RelationWorkload {

    private static final Logger LOG = Logger.getLogger(RelationWorkload.class);

    private RelationWorkload() {
    }

    public static <S extends RelationStatus, R extends CustomResource<? extends RelationSpec, S>> boolean instanceFound(
            R relation, Context<R> context, RelationStatusUpdate<S, R> status) {
        if (context.getSecondaryResource(DiscourseInstance.class).isEmpty()) {
            status.notReady(RelationConditions.INSTANCE_FOUND, "InstanceNotFound", "DiscourseInstance "
                    + relation.getSpec().instanceName() + " not found in " + relation.getMetadata().getNamespace());
            return false;
        }
        status.set(RelationConditions.INSTANCE_FOUND, true, "InstanceFound", "");
        return true;
    }

    /**
     * Applies the intent to each of the instance's workloads (web, and Sidekiq when it runs on its own) that
     * does not already carry it; sets Ready accordingly. The relation's fields are the same on both.
     */
    public static <S extends RelationStatus, R extends CustomResource<? extends RelationSpec, S>> RelationStatusUpdate<S, R> apply(
            R relation, StatefulSet intent, Context<R> context, WorkloadPatcher patcher, RelationStatusUpdate<S, R> status) {
        String instance = relation.getSpec().instanceName();
        List<StatefulSet> workloads = workloads(context, instance);
        if (workloads.stream().noneMatch(w -> isWeb(w, instance))) {
            return status.waiting("WaitingForWorkload",
                    "Waiting for the StatefulSet of DiscourseInstance " + instance);
        }
        for (StatefulSet workload : workloads) {
            StatefulSet targeted = WorkloadPatch.retarget(intent, workload.getMetadata().getName());
            if (patcher.applyIfChanged(workload, targeted, context)) {
                LOG.infof("Applied %s %s/%s to StatefulSet %s", relation.getKind(), relation.getMetadata().getNamespace(),
                        relation.getMetadata().getName(), workload.getMetadata().getName());
            }
        }
        return status.set(RelationConditions.READY, true, "Ready", "Applied to StatefulSet " + names(workloads));
    }

    /** The web workload exists, so that the relation's intent has been applied (or is waiting for it). */
    public static boolean webFound(Context<?> context, String instance) {
        return workloads(context, instance).stream().anyMatch(w -> isWeb(w, instance));
    }

    /** Removes exactly the fields this relation's manager applied, from each workload; the rest is untouched. */
    public static <R extends CustomResource<? extends RelationSpec, ?>> void remove(R relation, Context<R> context,
            WorkloadPatcher patcher, EventRecorder events, String what) {
        String instance = relation.getSpec() == null ? null : relation.getSpec().instanceName();
        if (instance == null) {
            return;
        }
        List<StatefulSet> workloads = workloads(context, instance);
        for (StatefulSet workload : workloads) {
            patcher.apply(WorkloadPatch.empty(workload.getMetadata().getName(), relation.getMetadata().getNamespace()),
                    context.getControllerConfiguration().fieldManager());
        }
        if (!workloads.isEmpty()) {
            events.normal(relation, "Removed", "Removed the " + what + " settings from StatefulSet " + names(workloads));
        }
    }

    /** The instance's workloads in the relation's cache, web first. */
    static List<StatefulSet> workloads(Context<?> context, String instance) {
        List<String> order = WorkloadNames.workloads(instance);
        return context.getSecondaryResourcesAsStream(StatefulSet.class)
                .filter(s -> order.contains(s.getMetadata().getName()))
                .sorted(Comparator.comparingInt(s -> order.indexOf(s.getMetadata().getName())))
                .toList();
    }

    private static boolean isWeb(StatefulSet workload, String instance) {
        return WorkloadNames.statefulSet(instance).equals(workload.getMetadata().getName());
    }

    private static String names(List<StatefulSet> workloads) {
        return workloads.stream().map(w -> w.getMetadata().getName()).collect(Collectors.joining(", "));
    }
}
