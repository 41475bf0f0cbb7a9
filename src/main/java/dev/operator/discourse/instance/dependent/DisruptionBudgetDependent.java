package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.cache.PrunedStores;
import dev.operator.discourse.instance.DesiredPodPolicies;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The web pods' PodDisruptionBudget; its informer also holds Sidekiq's ({@link SidekiqDisruptionBudgetDependent}). */
@KubernetesDependent(informer = @Informer(labelSelector = WorkloadNames.MANAGED_SELECTOR,
        itemStore = PrunedStores.InstanceDisruptionBudgets.class))
public class DisruptionBudgetDependent extends CRUDKubernetesDependentResource<PodDisruptionBudget, DiscourseInstance> {

    public DisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return new ResourceID(WorkloadNames.webDisruptionBudget(instance.getMetadata().getName()),
                instance.getMetadata().getNamespace());
    }

    @Override
    protected PodDisruptionBudget desired(DiscourseInstance instance, Context<DiscourseInstance> context) {
        return DesiredPodPolicies.webBudget(instance);
    }
}
