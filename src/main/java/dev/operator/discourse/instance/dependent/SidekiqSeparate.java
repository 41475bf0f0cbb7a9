package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Sidekiq has a workload of its own only in Separate mode; back to Embedded, that workload is deleted. */
public class SidekiqSeparate implements Condition<StatefulSet, DiscourseInstance> {

    @Override
    public boolean isMet(DependentResource<StatefulSet, DiscourseInstance> dependentResource,
            DiscourseInstance instance, Context<DiscourseInstance> context) {
        return instance.getSpec().getSidekiq().separate();
    }
}
