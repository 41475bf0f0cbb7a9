package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

class DesiredStatefulSetTest {

    private static final DiscourseInstance MINIMAL = TestInstances.minimal("forum");

    private static PodSpec pod(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec();
    }

    private static Container container(StatefulSet sts) {
        return pod(sts).getContainers().get(0);
    }

    @Test
    void replicasAreWhatTheGateSays() {
        assertThat(DesiredStatefulSet.build(MINIMAL, 0).getSpec().getReplicas()).isZero();
        assertThat(DesiredStatefulSet.build(MINIMAL, 2).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void containerServesOnPort3000() {
        Container c = container(DesiredStatefulSet.build(MINIMAL, 1));
        assertThat(c.getName()).isEqualTo("discourse");
        assertThat(c.getImage()).isEqualTo("ghcr.io/discourse-operator/discourse:3.5.2");
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(3000);
            assertThat(p.getName()).isEqualTo("http");
        });
    }

    @Test
    void onlyReadinessAsksSrvStatusWhichNeedsRedisSoAnOutageRestartsNoPod() {
        Container c = container(DesiredStatefulSet.build(MINIMAL, 1));
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/srv/status");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        for (Probe p : new Probe[] { c.getStartupProbe(), c.getLivenessProbe() }) {
            assertThat(p.getHttpGet()).isNull();
            assertThat(p.getExec()).isNull();
            assertThat(p.getTcpSocket().getPort().getStrVal()).isEqualTo("http");
        }
        assertThat(c.getStartupProbe().getPeriodSeconds() * c.getStartupProbe().getFailureThreshold())
                .isGreaterThanOrEqualTo(600);
        assertThat(c.getLivenessProbe().getPeriodSeconds() * c.getLivenessProbe().getFailureThreshold())
                .isGreaterThan(c.getReadinessProbe().getPeriodSeconds() * c.getReadinessProbe().getFailureThreshold());
    }

    @Test
    void restrictedPodSecurity() {
        StatefulSet sts = DesiredStatefulSet.build(MINIMAL, 1);
        assertThat(pod(sts).getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod(sts).getSecurityContext().getRunAsUser()).isNotZero();
        assertThat(pod(sts).getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var sc = container(sts).getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getPrivileged()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void gracefulStopAndNoServiceLinks() {
        StatefulSet sts = DesiredStatefulSet.build(MINIMAL, 1);
        assertThat(pod(sts).getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(30L);
        assertThat(pod(sts).getEnableServiceLinks()).isFalse();
        assertThat(container(sts).getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "5");
    }

    @Test
    void uploadsVolumeOnlyWithoutS3() {
        StatefulSet local = DesiredStatefulSet.build(MINIMAL, 1);
        assertThat(pod(local).getVolumes()).singleElement()
                .satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("forum-uploads"));
        assertThat(container(local).getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly("/srv/discourse/app/public/uploads", "/srv/discourse/app/public/backups");
        StatefulSet s3 = DesiredStatefulSet.build(TestInstances.full("forum"), 3);
        assertThat(pod(s3).getVolumes()).isEmpty();
        assertThat(container(s3).getVolumeMounts()).isEmpty();
    }

    @Test
    void selectorIsStableAndMatchesTemplate() {
        StatefulSet sts = DesiredStatefulSet.build(TestInstances.full("forum"), 3);
        assertThat(sts.getSpec().getSelector().getMatchLabels()).containsOnlyKeys("app.kubernetes.io/name",
                "app.kubernetes.io/instance");
        assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(sts.getSpec().getSelector().getMatchLabels());
        assertThat(sts.getSpec().getServiceName()).isEqualTo("forum-headless");
    }

    @Test
    void theUsersPodLabelsAnnotationsSpreadAndPriority() {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().setPodLabels(java.util.Map.of("team", "community"));
        instance.getSpec().setPodAnnotations(java.util.Map.of("example.com/owner", "forum-team",
                "kubectl.kubernetes.io/default-container", "other"));
        instance.getSpec().setPriorityClassName("forum-high");
        var spread = new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder().withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("ScheduleAnyway").build();
        instance.getSpec().setTopologySpreadConstraints(java.util.List.of(spread));
        StatefulSet sts = DesiredStatefulSet.build(instance, 1);
        var meta = sts.getSpec().getTemplate().getMetadata();
        assertThat(meta.getLabels()).containsEntry("team", "community")
                .containsAllEntriesOf(dev.operator.discourse.workload.WorkloadNames.labels("forum"));
        assertThat(meta.getAnnotations()).containsEntry("example.com/owner", "forum-team")
                .as("the operator's annotation wins").containsEntry("kubectl.kubernetes.io/default-container", "discourse");
        assertThat(pod(sts).getPriorityClassName()).isEqualTo("forum-high");
        assertThat(pod(sts).getTopologySpreadConstraints()).containsExactly(spread);
        assertThat(pod(DesiredStatefulSet.build(MINIMAL, 1)).getPriorityClassName()).isNull();
    }
}
