package dev.operator.discourse.instance;

import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** The policies around the instance's pods: a disruption budget per workload, and the optional NetworkPolicy. */
public final class DesiredPodPolicies {

    private DesiredPodPolicies() {
    }

    /** A node drain evicts one pod at a time only where there is more than one: with one, it would block forever. */
    public static boolean webBudgetWanted(DiscourseInstanceSpec spec) {
        return spec.getPodDisruptionBudget().isEnabled() && spec.getReplicas() > 1;
    }

    public static boolean sidekiqBudgetWanted(DiscourseInstanceSpec spec) {
        return spec.getPodDisruptionBudget().isEnabled() && spec.getSidekiq().separate()
                && spec.getSidekiq().getReplicas() > 1;
    }

    public static PodDisruptionBudget webBudget(DiscourseInstance instance) {
        String name = instance.getMetadata().getName();
        return budget(instance, WorkloadNames.webDisruptionBudget(name), WorkloadNames.labels(name),
                WorkloadNames.selectorLabels(name));
    }

    public static PodDisruptionBudget sidekiqBudget(DiscourseInstance instance) {
        String name = instance.getMetadata().getName();
        return budget(instance, WorkloadNames.sidekiqDisruptionBudget(name), WorkloadNames.sidekiqLabels(name),
                WorkloadNames.sidekiqSelectorLabels(name));
    }

    private static PodDisruptionBudget budget(DiscourseInstance instance, String name, Map<String, String> labels,
            Map<String, String> selector) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(metadata(instance, name, labels))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(instance.getSpec().getPodDisruptionBudget().getMaxUnavailable()))
                .withSelector(new LabelSelectorBuilder().withMatchLabels(selector).build())
                .endSpec()
                .build();
    }

    /**
     * Port 3000 of web and Sidekiq pods alike, from the peers named only; Sidekiq listens on nothing, so for its
     * pods the policy admits nothing. No peers: no rule, and so nothing in at all (an ingress rule without peers
     * would admit everyone). Egress stays open.
     */
    public static NetworkPolicy networkPolicy(DiscourseInstance instance) {
        String name = instance.getMetadata().getName();
        var peers = instance.getSpec().getNetworkPolicy().getFrom();
        var rules = peers == null || peers.isEmpty() ? List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of()
                : List.of(new NetworkPolicyIngressRuleBuilder()
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(WorkloadNames.HTTP_PORT)).endPort()
                        .withFrom(peers)
                        .build());
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(instance, WorkloadNames.networkPolicy(name), WorkloadNames.labels(name)))
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels(WorkloadNames.LABEL_INSTANCE, name)
                .addNewMatchExpression().withKey(WorkloadNames.LABEL_NAME).withOperator("In")
                .withValues(WorkloadNames.selectorLabels(name).get(WorkloadNames.LABEL_NAME),
                        WorkloadNames.sidekiqSelectorLabels(name).get(WorkloadNames.LABEL_NAME))
                .endMatchExpression()
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build();
    }

    private static ObjectMeta metadata(DiscourseInstance instance, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withNamespace(instance.getMetadata().getNamespace())
                .withLabels(labels).build();
    }
}
