package dev.operator.discourse.instance.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.S3Spec;
import dev.operator.discourse.instance.DesiredStatefulSet;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * The migration Jobs of an instance: named after the instance, the step and the image, so that an operator that
 * restarts finds the Job it had started instead of starting another. They run the workload's own container
 * (image, env including what the relations applied, security context), never its Service-selected labels.
 */
public final class MigrationJobs {

    public static final String LABEL_INSTANCE = "discourse.operator.dev/instance";
    public static final String LABEL_STEP = "discourse.operator.dev/migration";
    public static final String ANNOTATION_IMAGE = "discourse.operator.dev/image";
    /** A digest of the Job's container: a failed Job whose digest differs from today's spec is retried. */
    public static final String ANNOTATION_SPEC_DIGEST = "discourse.operator.dev/spec-digest";
    public static final String COMPONENT = "migration";
    public static final String SELECTOR = WorkloadNames.LABEL_COMPONENT + "=" + COMPONENT + ","
            + WorkloadNames.MANAGED_SELECTOR;

    /** Written by the Job's script; the pod reports it as its termination message. */
    static final String VERSION_SCRIPT = "bin/rails runner 'puts Discourse::VERSION::STRING' > /dev/termination-log";

    private MigrationJobs() {
    }

    public static String name(String instance, MigrationStep step, String image, Optional<String> s3) {
        String key = image + s3.map(s -> "|" + s).orElse("");
        String suffix = "-" + step.label() + "-" + digest(key).substring(0, 10);
        // A Job's name ends up in its pods' job-name label, which holds at most 63 characters.
        return instance.substring(0, Math.min(instance.length(), 63 - suffix.length())) + suffix;
    }

    /** What the asset upload depends on besides the image; empty when S3 is off. */
    public static Optional<String> s3Fingerprint(DiscourseInstanceSpec spec) {
        S3Spec s3 = spec.getS3();
        if (!s3.isEnabled()) {
            return Optional.empty();
        }
        return Optional.of(String.join("|", String.valueOf(s3.getBucket()), String.valueOf(s3.getRegion()),
                String.valueOf(s3.getEndpoint()), String.valueOf(s3.getCdnUrl())));
    }

    public static Map<String, String> labels(String instance, MigrationStep step) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(WorkloadNames.LABEL_NAME, "discourse");
        labels.put(WorkloadNames.LABEL_COMPONENT, COMPONENT);
        labels.put(WorkloadNames.LABEL_MANAGED_BY, WorkloadNames.MANAGED_BY);
        labels.put(LABEL_INSTANCE, instance);
        labels.put(LABEL_STEP, step.label());
        return labels;
    }

    /**
     * The Job for one step, built from the live StatefulSet so that it carries the env every reconciler applied
     * (the database and Redis settings come from the relations, not from the instance).
     */
    public static Job build(DiscourseInstance instance, StatefulSet live, MigrationStep step, String image,
            Optional<String> s3) {
        String name = instance.getMetadata().getName();
        var podSpec = live.getSpec().getTemplate().getSpec();
        Container workload = podSpec.getContainers().stream().filter(c -> WorkloadNames.CONTAINER.equals(c.getName()))
                .findFirst().orElseThrow();
        List<EnvVar> env = new ArrayList<>(workload.getEnv() == null ? List.of() : workload.getEnv());
        env.removeIf(e -> "SKIP_POST_DEPLOYMENT_MIGRATIONS".equals(e.getName()));
        if (step.skipPostDeployment()) {
            env.add(new EnvVarBuilder().withName("SKIP_POST_DEPLOYMENT_MIGRATIONS").withValue("1").build());
        }
        // The relations' Secret volumes (the database CA) come along; the uploads claim does not, being ReadWriteOnce.
        List<Volume> volumes = podSpec.getVolumes() == null ? List.of() : podSpec.getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() == null).toList();
        Set<String> volumeNames = volumes.stream().map(Volume::getName).collect(Collectors.toSet());
        List<VolumeMount> mounts = workload.getVolumeMounts() == null ? List.of() : workload.getVolumeMounts().stream()
                .filter(m -> volumeNames.contains(m.getName())).toList();
        Container container = new ContainerBuilder()
                .withName(WorkloadNames.CONTAINER)
                .withImage(image)
                .withImagePullPolicy(workload.getImagePullPolicy())
                .withWorkingDir(DesiredStatefulSet.APP_DIR)
                .withCommand("/bin/sh", "-c", script(step))
                .withEnv(env)
                .withVolumeMounts(mounts.isEmpty() ? null : mounts)
                .withResources(workload.getResources())
                .withSecurityContext(workload.getSecurityContext())
                // On failure the pod reports the tail of its log as the termination message.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
        String digest = digest(container.toString());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_IMAGE, image);
        annotations.put(ANNOTATION_SPEC_DIGEST, digest);
        return new JobBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(name(name, step, image, s3))
                        .withNamespace(instance.getMetadata().getNamespace())
                        .withLabels(labels(name, step))
                        .withAnnotations(annotations)
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(instance.getApiVersion())
                                .withKind(instance.getKind()).withName(name).withUid(instance.getMetadata().getUid())
                                .withController(true).withBlockOwnerDeletion(true).build())
                        .build())
                .withNewSpec()
                // A failed migration is reported, not retried blindly: fixing the spec or deleting the Job retries.
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(name, step)).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(podSpec.getSecurityContext())
                .withImagePullSecrets(podSpec.getImagePullSecrets())
                .withNodeSelector(podSpec.getNodeSelector())
                .withTolerations(podSpec.getTolerations())
                .withContainers(container)
                .withVolumes(volumes.isEmpty() ? null : volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The digest a Job would have if built today; compared with a failed Job's to decide on a retry. */
    public static String specDigest(Job job) {
        return job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(ANNOTATION_SPEC_DIGEST);
    }

    static String script(MigrationStep step) {
        String run = String.join(" ", step.command());
        return step == MigrationStep.ASSETS ? "set -e; " + run : "set -e; " + run + "; " + VERSION_SCRIPT;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
