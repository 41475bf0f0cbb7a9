package dev.operator.discourse.instance;

import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** The instance's live workloads, by name from the one StatefulSet cache that holds web and Sidekiq. */
public final class InstanceWorkloads {

    private InstanceWorkloads() {
    }

    public static Optional<StatefulSet> web(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return named(context, WorkloadNames.statefulSet(instance.getMetadata().getName()));
    }

    public static Optional<StatefulSet> sidekiq(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return named(context, WorkloadNames.sidekiqStatefulSet(instance.getMetadata().getName()));
    }

    private static Optional<StatefulSet> named(Context<DiscourseInstance> context, String name) {
        return context.getSecondaryResourcesAsStream(StatefulSet.class)
                .filter(s -> name.equals(s.getMetadata().getName())).findFirst();
    }
}
