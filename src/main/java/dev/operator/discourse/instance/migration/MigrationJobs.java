package dev.operator.discourse.instance.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.S3Spec;
import dev.operator.discourse.workload.WorkloadJobs;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The migration Jobs of an instance: named after the instance, the step and the image, so that an operator that
 * restarts finds the Job it had started instead of starting another. They run the workload's own container
 * (image, env including what the relations applied, security context), never its Service-selected labels.
 */
public final class MigrationJobs {

    public static final String LABEL_INSTANCE = WorkloadJobs.LABEL_INSTANCE;
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
        String suffix = "-" + step.label() + "-" + WorkloadJobs.digest(key).substring(0, 10);
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
        Map<String, String> labels = WorkloadJobs.labels(COMPONENT, instance);
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
        List<EnvVar> env = WorkloadJobs.env(live);
        env.removeIf(e -> "SKIP_POST_DEPLOYMENT_MIGRATIONS".equals(e.getName()));
        if (step.skipPostDeployment()) {
            env.add(new EnvVarBuilder().withName("SKIP_POST_DEPLOYMENT_MIGRATIONS").withValue("1").build());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_IMAGE, image);
        Job job = WorkloadJobs.build(instance, live, new WorkloadJobs.JobSpec(name(name, step, image, s3),
                labels(name, step), annotations, image, env, script(step), false));
        // A failed migration is reported, not retried blindly: fixing the spec (a new digest) or deleting the Job retries.
        annotations.put(ANNOTATION_SPEC_DIGEST, WorkloadJobs.digest(job.getSpec().getTemplate().getSpec().getContainers().get(0).toString()));
        job.getMetadata().setAnnotations(annotations);
        return job;
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
}
