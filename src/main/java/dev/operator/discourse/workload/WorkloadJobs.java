package dev.operator.discourse.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A one-shot Job that runs a script in a copy of the web workload's container: its image (unless the caller names
 * another), every env entry the instance and the relations applied, their Secret volumes, its resources and
 * security context. Migrations, user tasks, backups and restores all run so; the live StatefulSet is the source
 * because the relations' settings are only there. The Job is never retried by the Job controller: each caller
 * decides what a failure means.
 */
public final class WorkloadJobs {

    /** The work directory of every Job script: Discourse's checkout in the image. */
    public static final String APP_DIR = "/srv/discourse/app";
    /** Names the instance a Job works for, apart from the labels the forum's Services and budgets select on. */
    public static final String LABEL_INSTANCE = "discourse.operator.dev/instance";

    /** What differs between the Jobs; the rest comes from the workload. */
    public record JobSpec(String name, Map<String, String> labels, Map<String, String> annotations, String image,
            List<EnvVar> env, String script, boolean uploads) {
    }

    private WorkloadJobs() {
    }

    /**
     * The name of the one Job an object runs: its name cut so that the pods' job-name label (at most 63 characters)
     * holds it, then a digest of its uid, so that a restarted operator finds that Job again and never makes two.
     */
    public static String onceFor(HasMetadata owner) {
        String suffix = "-" + digest(owner.getMetadata().getUid()).substring(0, 8);
        String name = owner.getMetadata().getName();
        return name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
    }

    /**
     * The labels every operator Job carries: the component the shared Job cache selects on and the instance it
     * works for. A mutable copy, for the caller's own labels.
     */
    public static Map<String, String> labels(String component, String instance) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put(WorkloadNames.LABEL_NAME, "discourse");
        labels.put(WorkloadNames.LABEL_COMPONENT, component);
        labels.put(WorkloadNames.LABEL_MANAGED_BY, WorkloadNames.MANAGED_BY);
        labels.put(LABEL_INSTANCE, instance);
        return labels;
    }

    /** SHA-256 in hex: Job names and spec digests. */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Creates the Job; one that already exists (a reconcile that ran before the cache saw it) is left alone. A 409
     * is taken at its word only once the Job is seen: a conflict answered by something between the operator and
     * the API server, with no Job made, would otherwise leave the owner waiting for a Job that never sends an
     * event. Then the error stands and the reconcile is retried.
     *
     * @return whether this call made the Job
     */
    public static boolean create(KubernetesClient client, Job job) {
        var jobs = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace());
        try {
            jobs.resource(job).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 || jobs.withName(job.getMetadata().getName()).get() == null) {
                throw e;
            }
            return false;
        }
    }

    /** The workload's discourse container in the live StatefulSet. */
    public static Container container(StatefulSet live) {
        return live.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> WorkloadNames.CONTAINER.equals(c.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("StatefulSet " + live.getMetadata().getName()
                        + " has no " + WorkloadNames.CONTAINER + " container"));
    }

    /** A mutable copy of the workload container's env, for the caller to adjust. */
    public static List<EnvVar> env(StatefulSet live) {
        Container workload = container(live);
        return new ArrayList<>(workload.getEnv() == null ? List.of() : workload.getEnv());
    }

    /**
     * @param owner the Job's controller: deleting it deletes the Job and its pods
     */
    public static Job build(HasMetadata owner, StatefulSet live, JobSpec job) {
        var podSpec = live.getSpec().getTemplate().getSpec();
        Container workload = container(live);
        // The uploads claim comes along only when the script needs the files: a ReadWriteOnce claim then pins
        // the Job's pod to the node of a web pod that has it mounted.
        List<Volume> volumes = podSpec.getVolumes() == null ? List.of() : podSpec.getVolumes().stream()
                .filter(v -> job.uploads() || v.getPersistentVolumeClaim() == null).toList();
        Set<String> volumeNames = volumes.stream().map(Volume::getName).collect(Collectors.toSet());
        List<VolumeMount> mounts = workload.getVolumeMounts() == null ? List.of() : workload.getVolumeMounts().stream()
                .filter(m -> volumeNames.contains(m.getName())).toList();
        Container container = new ContainerBuilder()
                .withName(WorkloadNames.CONTAINER)
                .withImage(job.image() == null ? workload.getImage() : job.image())
                .withImagePullPolicy(workload.getImagePullPolicy())
                .withWorkingDir(APP_DIR)
                .withCommand("/bin/sh", "-c", job.script())
                .withEnv(job.env())
                .withVolumeMounts(mounts.isEmpty() ? null : mounts)
                .withResources(workload.getResources())
                .withSecurityContext(workload.getSecurityContext())
                // The script writes its result as the termination message; without one the log's tail stands in.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
        boolean claim = volumes.stream().anyMatch(v -> v.getPersistentVolumeClaim() != null);
        return new JobBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(job.name())
                        .withNamespace(owner.getMetadata().getNamespace())
                        .withLabels(job.labels())
                        .withAnnotations(job.annotations() == null || job.annotations().isEmpty() ? null : job.annotations())
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
                                .withKind(owner.getKind()).withName(owner.getMetadata().getName())
                                .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
                                .build())
                        .build())
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().withLabels(job.labels()).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(podSpec.getSecurityContext())
                .withImagePullSecrets(podSpec.getImagePullSecrets())
                .withNodeSelector(podSpec.getNodeSelector())
                .withTolerations(podSpec.getTolerations())
                .withAffinity(claim ? besideTheWorkload(live) : null)
                .withContainers(container)
                .withVolumes(volumes.isEmpty() ? null : volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * Preferred, not required: with the forum scaled to zero (a restore) there is no pod to stand beside, and a
     * ReadWriteMany claim mounts anywhere.
     */
    private static Affinity besideTheWorkload(StatefulSet live) {
        return new AffinityBuilder().withNewPodAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100).withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector().withMatchLabels(live.getSpec().getSelector().getMatchLabels()).endLabelSelector()
                .endPodAffinityTerm().endPreferredDuringSchedulingIgnoredDuringExecution().endPodAffinity().build();
    }
}
