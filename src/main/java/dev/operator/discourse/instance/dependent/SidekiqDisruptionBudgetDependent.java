package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.instance.DesiredPodPolicies;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The separate Sidekiq pods' PodDisruptionBudget, read from the web budget's informer. */
public class SidekiqDisruptionBudgetDependent
        extends CRUDKubernetesDependentResource<PodDisruptionBudget, DiscourseInstance> {

    public SidekiqDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return new ResourceID(WorkloadNames.sidekiqDisruptionBudget(instance.getMetadata().getName()),
                instance.getMetadata().getNamespace());
    }

    @Override
    protected PodDisruptionBudget desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return DesiredPodPolicies.sidekiqBudget(instance);
    }
}
