package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SidekiqMode;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;

class DesiredPodPoliciesTest {

    @Test
    void aBudgetOnlyWhereThereIsMoreThanOnePod() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        assertThat(DesiredPodPolicies.webBudgetWanted(instance.getSpec())).as("one replica").isFalse();
        instance.getSpec().setReplicas(2);
        assertThat(DesiredPodPolicies.webBudgetWanted(instance.getSpec())).isTrue();
        instance.getSpec().getPodDisruptionBudget().setEnabled(false);
        assertThat(DesiredPodPolicies.webBudgetWanted(instance.getSpec())).as("turned off").isFalse();
    }

    @Test
    void sidekiqsBudgetOnlyWhenItRunsApartWithMoreThanOnePod() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getSidekiq().setReplicas(3);
        assertThat(DesiredPodPolicies.sidekiqBudgetWanted(instance.getSpec())).as("embedded").isFalse();
        instance.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE);
        assertThat(DesiredPodPolicies.sidekiqBudgetWanted(instance.getSpec())).isTrue();
        instance.getSpec().getSidekiq().setReplicas(1);
        assertThat(DesiredPodPolicies.sidekiqBudgetWanted(instance.getSpec())).isFalse();
    }

    @Test
    void eachBudgetSelectsItsOwnWorkloadsPods() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getPodDisruptionBudget().setMaxUnavailable(2);
        var web = DesiredPodPolicies.webBudget(instance);
        var sidekiq = DesiredPodPolicies.sidekiqBudget(instance);
        assertThat(web.getSpec().getSelector().getMatchLabels()).isEqualTo(WorkloadNames.selectorLabels("forum"));
        assertThat(sidekiq.getSpec().getSelector().getMatchLabels()).isEqualTo(WorkloadNames.sidekiqSelectorLabels("forum"));
        assertThat(web.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(2);
        assertThat(web.getMetadata().getName()).isNotEqualTo(sidekiq.getMetadata().getName());
    }

    @Test
    void port3000OnlyFromThePeersNamed() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getNetworkPolicy().setEnabled(true);
        var ingress = new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("kubernetes.io/metadata.name", "ingress-nginx")).build()).build();
        instance.getSpec().getNetworkPolicy().setFrom(List.of(ingress));
        var policy = DesiredPodPolicies.networkPolicy(instance);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).containsExactly(ingress);
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(3000));
        });
        var selector = policy.getSpec().getPodSelector();
        assertThat(selector.getMatchLabels()).containsEntry(WorkloadNames.LABEL_INSTANCE, "forum");
        assertThat(selector.getMatchExpressions()).singleElement()
                .satisfies(e -> assertThat(e.getValues()).containsExactlyInAnyOrder("discourse", "discourse-sidekiq"));
    }

    @Test
    void noPeersAdmitNoOneRatherThanEveryone() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getNetworkPolicy().setEnabled(true);
        assertThat(DesiredPodPolicies.networkPolicy(instance).getSpec().getIngress()).isEmpty();
    }
}
