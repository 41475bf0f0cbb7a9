package dev.operator.discourse.relation;

import org.jboss.logging.Logger;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RelationSpec;
import dev.operator.discourse.api.v1alpha1.RelationStatus;
import dev.operator.discourse.status.EventRecorder;
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

    /** Applies the intent when the workload exists and does not already carry it; sets Ready accordingly. */
    public static <S extends RelationStatus, R extends CustomResource<? extends RelationSpec, S>> RelationStatusUpdate<S, R> apply(
            R relation, StatefulSet intent, Context<R> context, WorkloadPatcher patcher, RelationStatusUpdate<S, R> status) {
        String instance = relation.getSpec().instanceName();
        var workload = context.getSecondaryResource(StatefulSet.class);
        if (workload.isEmpty()) {
            return status.waiting("WaitingForWorkload",
                    "Waiting for the StatefulSet of DiscourseInstance " + instance);
        }
        if (patcher.applyIfChanged(workload.get(), intent, context)) {
            LOG.infof("Applied %s %s/%s to StatefulSet %s", relation.getKind(), relation.getMetadata().getNamespace(),
                    relation.getMetadata().getName(), intent.getMetadata().getName());
        }
        return status.set(RelationConditions.READY, true, "Ready", "Applied to StatefulSet " + intent.getMetadata().getName());
    }

    /** Removes exactly the fields this relation's manager applied; the rest of the workload is untouched. */
    public static <R extends CustomResource<? extends RelationSpec, ?>> void remove(R relation, Context<R> context,
            WorkloadPatcher patcher, EventRecorder events, String what) {
        String instance = relation.getSpec() == null ? null : relation.getSpec().instanceName();
        if (instance == null || context.getSecondaryResource(StatefulSet.class).isEmpty()) {
            return;
        }
        patcher.apply(WorkloadPatch.empty(instance, relation.getMetadata().getNamespace()),
                context.getControllerConfiguration().fieldManager());
        events.normal(relation, "Removed", "Removed the " + what + " settings from StatefulSet "
                + context.getSecondaryResource(StatefulSet.class).get().getMetadata().getName());
    }
}
