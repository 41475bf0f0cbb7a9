package dev.operator.discourse.instance.dependent;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.instance.DesiredPodPolicies;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** When each pod policy exists; when its condition stops holding, the workflow deletes it. */
public final class PodPolicyConditions {

    private PodPolicyConditions() {
    }

    public static class WebBudgetWanted implements Condition<PodDisruptionBudget, DiscourseInstance> {
        @Override
        public boolean isMet(DependentResource<PodDisruptionBudget, DiscourseInstance> dependentResource,
                DiscourseInstance instance, Context<DiscourseInstance> context) {
            return DesiredPodPolicies.webBudgetWanted(instance.getSpec());
        }
    }

    public static class SidekiqBudgetWanted implements Condition<PodDisruptionBudget, DiscourseInstance> {
        @Override
        public boolean isMet(DependentResource<PodDisruptionBudget, DiscourseInstance> dependentResource,
                DiscourseInstance instance, Context<DiscourseInstance> context) {
            return DesiredPodPolicies.sidekiqBudgetWanted(instance.getSpec());
        }
    }

    public static class NetworkPolicyWanted implements Condition<NetworkPolicy, DiscourseInstance> {
        @Override
        public boolean isMet(DependentResource<NetworkPolicy, DiscourseInstance> dependentResource,
                DiscourseInstance instance, Context<DiscourseInstance> context) {
            return instance.getSpec().getNetworkPolicy().isEnabled();
        }
    }
}
