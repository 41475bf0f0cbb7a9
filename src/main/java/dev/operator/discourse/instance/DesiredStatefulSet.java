package dev.operator.discourse.instance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

/**
 * The instance reconciler's part of the web workload StatefulSet: everything but the relations' env entries and
 * pod-template annotations, which their own reconcilers apply under their own field managers. The pod's common
 * part (security, placement, volumes) is shared with the Sidekiq workload ({@link DesiredSidekiqStatefulSet}).
 */
public final class DesiredStatefulSet {

    public static final String APP_DIR = "/srv/discourse/app";
    public static final String STATUS_PATH = "/srv/status";
    /** The image's user; Discourse must not run as root. */
    public static final long DISCOURSE_UID = 1000L;
    /** Unicorn needs time to finish requests after QUIT; the charm's 20 s was too tight for slow uploads. */
    public static final long TERMINATION_GRACE_SECONDS = 60L;
    private static final String UPLOADS_VOLUME = "uploads";

    private DesiredStatefulSet() {
    }

    public static StatefulSet build(DiscourseInstance instance, int replicas) {
        return build(instance, replicas, instance.getSpec().getImage(), false);
    }

    /** The image may lag the spec's while the pre-deployment migrations for the new one run. */
    public static StatefulSet build(DiscourseInstance instance, int replicas, String image) {
        return build(instance, replicas, image, false);
    }

    public static StatefulSet build(DiscourseInstance instance, int replicas, String image, boolean ingressTls) {
        return build(instance, replicas, image, ingressTls, null);
    }

    /** heldPartition: pods with an ordinal below it keep their template (InstanceState#heldRolloutPartition). */
    public static StatefulSet build(DiscourseInstance instance, int replicas, String image, boolean ingressTls,
            Integer heldPartition) {
        String name = instance.getMetadata().getName();
        DiscourseInstanceSpec spec = instance.getSpec();
        Container container = base(instance, image, ingressTls)
                .addNewPort().withName(WorkloadNames.HTTP_PORT_NAME).withContainerPort(WorkloadNames.HTTP_PORT)
                .withProtocol("TCP").endPort()
                .withResources(spec.getResources())
                .withStartupProbe(listening(10, 60))
                .withReadinessProbe(serving(10, 3))
                .withLivenessProbe(listening(20, 6))
                .withNewLifecycle().withNewPreStop().withNewExec()
                // Lets the endpoints controller drop the pod before Unicorn stops accepting.
                .withCommand("sleep", "5")
                .endExec().endPreStop().endLifecycle()
                .build();
        return statefulSet(instance, WorkloadNames.statefulSet(name), WorkloadNames.labels(name),
                WorkloadNames.selectorLabels(name), replicas, heldPartition,
                pod(instance, WorkloadNames.labels(name), container, TERMINATION_GRACE_SECONDS));
    }

    /** A workload StatefulSet of the instance's around the given pod. */
    static StatefulSet statefulSet(DiscourseInstance instance, String name, Map<String, String> labels,
            Map<String, String> selector, int replicas, Integer heldPartition, PodTemplateSpec pod) {
        return new StatefulSetBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(name)
                        .withNamespace(instance.getMetadata().getNamespace())
                        .withLabels(labels)
                        .build())
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(WorkloadNames.headlessService(instance.getMetadata().getName()))
                .withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate")
                .withRollingUpdate(heldPartition == null ? null
                        : new RollingUpdateStatefulSetStrategyBuilder().withPartition(heldPartition).build())
                .endUpdateStrategy()
                .withTemplate(pod)
                .endSpec()
                .build();
    }

    /** The discourse container's common part: image, env, security and the uploads mounts. */
    static ContainerBuilder base(DiscourseInstance instance, String image, boolean ingressTls) {
        DiscourseInstanceSpec spec = instance.getSpec();
        return new ContainerBuilder()
                .withName(WorkloadNames.CONTAINER)
                .withImage(image)
                .withImagePullPolicy(spec.getImagePullPolicy())
                .withWorkingDir(APP_DIR)
                .withEnv(InstanceEnv.build(instance, ingressTls))
                .withSecurityContext(new SecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withAllowPrivilegeEscalation(false)
                        .withPrivileged(false)
                        .withNewCapabilities().withDrop("ALL").endCapabilities()
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                        .build())
                .withVolumeMounts(spec.getS3().isEnabled() ? List.of() : uploadMounts());
    }

    /** The pod around the container: security, placement, the user's labels and annotations, the uploads volume. */
    static PodTemplateSpec pod(DiscourseInstance instance, Map<String, String> labels, Container container,
            long terminationGraceSeconds) {
        DiscourseInstanceSpec spec = instance.getSpec();
        Map<String, String> podLabels = new LinkedHashMap<>(spec.getPodLabels() == null ? Map.of() : spec.getPodLabels());
        podLabels.putAll(labels);
        Map<String, String> annotations = new LinkedHashMap<>(
                spec.getPodAnnotations() == null ? Map.of() : spec.getPodAnnotations());
        annotations.put("kubectl.kubernetes.io/default-container", WorkloadNames.CONTAINER);
        return PodTemplateOverlay.apply(new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(podLabels)
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                // Service links would inject DISCOURSE_PORT and friends, which Discourse reads as settings.
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(terminationGraceSeconds)
                .withSecurityContext(new PodSecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(DISCOURSE_UID)
                        .withRunAsGroup(DISCOURSE_UID)
                        .withFsGroup(DISCOURSE_UID)
                        .withFsGroupChangePolicy("OnRootMismatch")
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                        .build())
                .withImagePullSecrets(spec.getImagePullSecrets())
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withAffinity(spec.getAffinity())
                .withTopologySpreadConstraints(spec.getTopologySpreadConstraints())
                .withPriorityClassName(blank(spec.getPriorityClassName()) ? null : spec.getPriorityClassName())
                .withContainers(container)
                .withVolumes(spec.getS3().isEnabled() ? List.of() : uploadVolumes(instance.getMetadata().getName()))
                .endSpec()
                .build(), spec);
    }

    /**
     * Readiness: /srv/status answers 500 while Redis is down (its read-only-mode lookup), and then a pod should
     * take no traffic. Discourse's ForumsController#status.
     */
    private static Probe serving(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(STATUS_PATH).withNewPort(WorkloadNames.HTTP_PORT_NAME).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(5)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    /**
     * Startup and liveness: the Unicorn master listening, which depends on neither Redis nor PostgreSQL, so an
     * outage of either never has the kubelet restart every pod. Unicorn binds after loading the app, so startup
     * still covers first boot; a stuck worker is Unicorn's own timeout to kill.
     */
    private static Probe listening(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewTcpSocket().withNewPort(WorkloadNames.HTTP_PORT_NAME).endTcpSocket()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(5)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static List<VolumeMount> uploadMounts() {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName(UPLOADS_VOLUME).withMountPath(APP_DIR + "/public/uploads")
                .withSubPath("uploads").build());
        mounts.add(new VolumeMountBuilder().withName(UPLOADS_VOLUME).withMountPath(APP_DIR + "/public/backups")
                .withSubPath("backups").build());
        return mounts;
    }

    private static List<Volume> uploadVolumes(String name) {
        return List.of(new VolumeBuilder().withName(UPLOADS_VOLUME).withNewPersistentVolumeClaim()
                .withClaimName(WorkloadNames.uploadsClaim(name)).endPersistentVolumeClaim().build());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
