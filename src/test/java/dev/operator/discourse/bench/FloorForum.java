package dev.operator.discourse.bench;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.operator.discourse.instance.Rollout;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.workload.JobOutcome;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * One forum of the floor and the controller step it waits for. It moves on when the benchmark's watch shows the
 * step done, read as the operator reads it ({@link JobOutcome}, {@link Rollout#complete}): a floor that waited for
 * something else than the operator does would not be the operator's floor.
 */
final class FloorForum {

    enum Step {
        /** The pre-deployment Job was created; next, once it succeeded: the StatefulSet. */
        PRE_JOB,
        /** The StatefulSet was created at its replicas; next, once rolled out and ready: the post-deployment Job. */
        ROLLOUT,
        /** The post-deployment Job was created; its success is the forum's ready. */
        POST_JOB,
        READY,
        FAILED
    }

    final String namespace;
    final String name;
    final FloorObjects objects;
    final long startNanos;
    private Step step = Step.PRE_JOB;
    volatile long preDoneNanos = -1;
    volatile long rolledOutNanos = -1;
    volatile long readyNanos = -1;
    volatile String failure;
    /** Counted down when the forum is ready or failed: either way nothing more will happen to it. */
    final CountDownLatch done = new CountDownLatch(1);

    FloorForum(FloorObjects objects, long startNanos) {
        this.objects = objects;
        this.namespace = objects.instance.getMetadata().getNamespace();
        this.name = objects.instance.getMetadata().getName();
        this.startNanos = startNanos;
    }

    synchronized Step step() {
        return step;
    }

    /**
     * A state of one of the forum's Jobs, seen at {@code now}: the step the forum moved to, if this ended the one
     * it was on. Only the Job of the current step counts; later sightings of a finished one change nothing.
     */
    synchronized Optional<Step> seen(Job job, long now) {
        Map<String, String> labels = job.getMetadata().getLabels();
        String jobStep = labels == null ? null : labels.get(MigrationJobs.LABEL_STEP);
        MigrationStep awaited = step == Step.PRE_JOB ? MigrationStep.PRE : step == Step.POST_JOB ? MigrationStep.POST : null;
        if (awaited == null || !awaited.label().equals(jobStep)) {
            return Optional.empty();
        }
        switch (JobOutcome.of(job)) {
            case SUCCEEDED -> {
                if (step == Step.PRE_JOB) {
                    preDoneNanos = now;
                    return Optional.of(move(Step.ROLLOUT));
                }
                readyNanos = now;
                return Optional.of(move(Step.READY));
            }
            case FAILED -> {
                return Optional.of(fail("Job " + job.getMetadata().getName() + " failed"));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A state of the forum's StatefulSet, seen at {@code now}: POST_JOB once it is rolled out and ready. */
    synchronized Optional<Step> seen(StatefulSet sts, long now) {
        if (step != Step.ROLLOUT || !Rollout.complete(sts, objects.instance.getSpec().getReplicas())) {
            return Optional.empty();
        }
        rolledOutNanos = now;
        return Optional.of(move(Step.POST_JOB));
    }

    /** A request of the floor's that failed: the forum is reported as not ready, with why. */
    synchronized Step fail(String why) {
        if (step == Step.READY || step == Step.FAILED) {
            return step;
        }
        failure = why;
        return move(Step.FAILED);
    }

    private Step move(Step next) {
        step = next;
        if (next == Step.READY || next == Step.FAILED) {
            done.countDown();
        }
        return next;
    }

    double preDoneMs() {
        return since(preDoneNanos);
    }

    double rolledOutMs() {
        return since(rolledOutNanos);
    }

    double readyMs() {
        return since(readyNanos);
    }

    private double since(long nanos) {
        return nanos < 0 ? Double.NaN : (nanos - startNanos) / 1e6;
    }
}
