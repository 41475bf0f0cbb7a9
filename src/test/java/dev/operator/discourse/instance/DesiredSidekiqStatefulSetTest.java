package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SidekiqMode;
import dev.operator.discourse.api.v1alpha1.SidekiqQueue;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

class DesiredSidekiqStatefulSetTest {

    static DiscourseInstance separate() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE);
        instance.getSpec().getS3().setEnabled(true);
        return instance;
    }

    private static Container container(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String env(StatefulSet sts, String name) {
        return container(sts).getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    @Test
    void runsSidekiqWithDiscoursesOwnQueuesAndWeightsByDefault() {
        StatefulSet sts = DesiredSidekiqStatefulSet.build(separate(), 2, "img:1", false, null);
        assertThat(sts.getMetadata().getName()).isEqualTo("forum-sidekiq");
        assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
        assertThat(container(sts).getName()).as("the container the relations patch").isEqualTo(WorkloadNames.CONTAINER);
        assertThat(container(sts).getImage()).isEqualTo("img:1");
        assertThat(container(sts).getCommand()).as("the image's entrypoint runs it").isNullOrEmpty();
        assertThat(container(sts).getArgs()).containsExactly("bin/bundle", "exec", "sidekiq", "-c", "5", "-t", "5",
                "-q", "critical,8", "-q", "default,4", "-q", "low,2", "-q", "ultra_low,1");
        assertThat(container(sts).getPorts()).isNullOrEmpty();
    }

    @Test
    void threadsAndQueuesFromTheSpec() {
        DiscourseInstance instance = separate();
        instance.getSpec().getSidekiq().setConcurrency(12);
        instance.getSpec().getSidekiq().setQueues(List.of(SidekiqQueue.of("critical", 3), SidekiqQueue.of("low", 1)));
        assertThat(DesiredSidekiqStatefulSet.arguments(instance.getSpec().getSidekiq())).containsExactly("bin/bundle",
                "exec", "sidekiq", "-c", "12", "-t", "5", "-q", "critical,3", "-q", "low,1");
    }

    @Test
    void neverSelectedByWebNorItsServices() {
        StatefulSet sidekiq = DesiredSidekiqStatefulSet.build(separate(), 1, "img:1", false, null);
        Map<String, String> podLabels = sidekiq.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(sidekiq.getSpec().getSelector().getMatchLabels())
                .containsEntry(WorkloadNames.LABEL_COMPONENT, "sidekiq");
        Map<String, String> webSelector = DesiredStatefulSet.build(separate(), 1).getSpec().getSelector().getMatchLabels();
        Map<String, String> serviceSelector = DesiredServices.clusterIp(separate()).getSpec().getSelector();
        for (Map<String, String> selector : List.of(webSelector, serviceSelector)) {
            assertThat(selector.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey()))))
                    .as("%s selects a Sidekiq pod", selector).isFalse();
        }
    }

    @Test
    void webForksNoSidekiqWhileSidekiqRunsApart() {
        assertThat(env(DesiredStatefulSet.build(separate(), 1), "UNICORN_SIDEKIQS")).isEqualTo("0");
        assertThat(env(DesiredStatefulSet.build(TestInstances.minimal("forum"), 1), "UNICORN_SIDEKIQS")).isEqualTo("1");
    }

    @Test
    void aMemoryGuardOfItsOwnThatReadsNoDependency() {
        DiscourseInstance instance = separate();
        instance.getSpec().setSidekiqMaxMemory(1500);
        instance.getSpec().getSidekiq().setResources(new ResourceRequirementsBuilder()
                .withLimits(Map.of("memory", new Quantity("2Gi"))).build());
        StatefulSet sts = DesiredSidekiqStatefulSet.build(instance, 1, "img:1", false, null);
        var liveness = container(sts).getLivenessProbe();
        assertThat(liveness.getExec().getCommand()).containsExactly(DesiredSidekiqStatefulSet.ALIVE_COMMAND);
        assertThat(liveness.getHttpGet()).isNull();
        assertThat(env(sts, "UNICORN_SIDEKIQ_MAX_RSS")).as("the guard's limit").isEqualTo("1500");
        assertThat(container(sts).getResources().getLimits()).containsEntry("memory", new Quantity("2Gi"));
        assertThat(sts.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan((long) DesiredSidekiqStatefulSet.SHUTDOWN_TIMEOUT_SECONDS + 5);
    }

    @Test
    void sharesThePodsSecurityPlacementAndUploadsWithWeb() {
        DiscourseInstance instance = separate();
        instance.getSpec().getS3().setEnabled(false);
        instance.getSpec().setPriorityClassName("forum-high");
        instance.getSpec().setNodeSelector(Map.of("pool", "forum"));
        var web = DesiredStatefulSet.build(instance, 1).getSpec().getTemplate().getSpec();
        var sidekiq = DesiredSidekiqStatefulSet.build(instance, 1, "img:1", false, null).getSpec().getTemplate().getSpec();
        assertThat(sidekiq.getSecurityContext()).isEqualTo(web.getSecurityContext());
        assertThat(sidekiq.getContainers().get(0).getSecurityContext()).isEqualTo(web.getContainers().get(0).getSecurityContext());
        assertThat(sidekiq.getVolumes()).isEqualTo(web.getVolumes()).isNotEmpty();
        assertThat(sidekiq.getContainers().get(0).getVolumeMounts()).isEqualTo(web.getContainers().get(0).getVolumeMounts());
        assertThat(sidekiq.getPriorityClassName()).isEqualTo("forum-high");
        assertThat(sidekiq.getNodeSelector()).isEqualTo(Map.of("pool", "forum"));
        assertThat(sidekiq.getEnableServiceLinks()).isFalse();
    }
}
