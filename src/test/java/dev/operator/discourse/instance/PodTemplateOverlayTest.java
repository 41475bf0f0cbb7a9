package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.SidekiqMode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;

class PodTemplateOverlayTest {

    private static DiscourseInstance with(String yaml) {
        DiscourseInstance instance = TestInstances.minimal("forum");
        instance.getSpec().getUnsupported().setPodTemplate(Serialization.unmarshal(yaml, Map.class));
        return instance;
    }

    private static PodSpec web(DiscourseInstance instance) {
        return DesiredStatefulSet.build(instance, 1).getSpec().getTemplate().getSpec();
    }

    private static Container discourse(PodSpec pod) {
        return pod.getContainers().stream().filter(c -> c.getName().equals("discourse")).findFirst().orElseThrow();
    }

    @Test
    void namedItemsMergeByNameAndOtherFieldsReplace() {
        DiscourseInstance instance = with("""
                metadata:
                  annotations: {example.com/team: forum}
                spec:
                  hostAliases: [{ip: 10.0.0.9, hostnames: [smtp.internal]}]
                  serviceAccountName: forum-sa
                  containers:
                  - name: discourse
                    env: [{name: TZ, value: Europe/Paris}]
                    volumeMounts: [{name: fonts, mountPath: /usr/share/fonts/extra}]
                    resources: {limits: {memory: 3Gi}}
                  - name: cloud-sql-proxy
                    image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2
                  volumes: [{name: fonts, configMap: {name: fonts}}]
                """);
        assertThat(PodTemplateOverlay.problems(instance.getSpec())).isEmpty();
        var template = DesiredStatefulSet.build(instance, 1).getSpec().getTemplate();
        PodSpec pod = template.getSpec();
        assertThat(template.getMetadata().getAnnotations()).containsEntry("example.com/team", "forum")
                .containsKey("kubectl.kubernetes.io/default-container");
        assertThat(pod.getServiceAccountName()).isEqualTo("forum-sa");
        assertThat(pod.getHostAliases()).singleElement().satisfies(h -> assertThat(h.getIp()).isEqualTo("10.0.0.9"));
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("discourse", "cloud-sql-proxy");
        Container discourse = discourse(pod);
        assertThat(discourse.getEnv()).extracting(EnvVar::getName).contains("RAILS_ENV", "DISCOURSE_HOSTNAME", "TZ");
        assertThat(discourse.getVolumeMounts()).extracting(m -> m.getName()).containsExactly("uploads", "uploads", "fonts");
        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("uploads", "fonts");
        assertThat(discourse.getResources().getLimits().get("memory").toString()).isEqualTo("3Gi");
        assertThat(discourse.getImage()).isEqualTo(instance.getSpec().getImage());
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void itReachesTheSidekiqPodsToo() {
        DiscourseInstance instance = with("spec: {runtimeClassName: gvisor}");
        instance.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE);
        instance.getSpec().getS3().setEnabled(true);
        assertThat(DesiredSidekiqStatefulSet.build(instance, 1, "img", false, null).getSpec().getTemplate().getSpec()
                .getRuntimeClassName()).isEqualTo("gvisor");
    }

    @Test
    void withoutATemplateThePodIsTheOperatorsAlone() {
        assertThat(web(TestInstances.minimal("forum"))).isEqualTo(web(with("{}")));
    }

    @Test
    void whatItMayNotTouchIsSaidEachWithItsReason() {
        DiscourseInstance instance = with("""
                metadata:
                  labels: {app.kubernetes.io/name: other, team: forum}
                spec:
                  securityContext: {runAsUser: 0}
                  volumes: [{name: uploads, emptyDir: {}}]
                  containers:
                  - name: discourse
                    image: evil:latest
                    command: [sh]
                    securityContext: {privileged: true}
                    env: [{name: DISCOURSE_DB_PASSWORD, value: x}, {name: DISCOURSE_HOSTNAME, value: y}, {name: TZ, value: UTC}]
                """);
        List<String> problems = PodTemplateOverlay.problems(instance.getSpec());
        assertThat(problems).containsExactlyInAnyOrder(
                "unsupported.podTemplate.metadata.labels must not set app.kubernetes.io/name: the operator's selectors use it",
                "unsupported.podTemplate.spec.securityContext is the operator's: Discourse runs as its non-root user, restricted",
                "unsupported.podTemplate.spec.volumes must not name uploads: the operator or a relation mounts it",
                "unsupported.podTemplate.spec.containers[discourse].command is the operator's: spec.image and spec.sidekiq say what the container runs",
                "unsupported.podTemplate.spec.containers[discourse].image is the operator's: spec.image and spec.sidekiq say what the container runs",
                "unsupported.podTemplate.spec.containers[discourse].securityContext is the operator's: Discourse runs restricted",
                "unsupported.podTemplate.spec.containers[discourse].env must not set DISCOURSE_DB_PASSWORD: the operator or a relation sets it",
                "unsupported.podTemplate.spec.containers[discourse].env must not set DISCOURSE_HOSTNAME: the operator or a relation sets it");
        assertThat(ConfigValidator.validate(instance.getSpec())).containsAll(problems);
    }

    @Test
    void somethingThatIsNoPodTemplateIsSaidAsSuch() {
        assertThat(PodTemplateOverlay.problems(with("spec: {containers: notalist}").getSpec()))
                .singleElement().asString().startsWith("unsupported.podTemplate is not a pod template");
    }
}
