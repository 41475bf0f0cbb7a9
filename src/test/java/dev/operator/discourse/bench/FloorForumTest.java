package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.bench.FloorForum.Step;
import dev.operator.discourse.instance.migration.MigrationStep;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

class FloorForumTest {

    private static final long MS = 1_000_000;
    private final FloorObjects objects = new FloorObjects("floor-n10", "forum-0", "127.0.0.1", 6379);
    private final FloorForum forum = new FloorForum(objects, 0);

    private Job running(MigrationStep step) {
        return new JobBuilder(objects.job(step)).withNewStatus().withActive(1).endStatus().build();
    }

    private Job succeeded(MigrationStep step) {
        return new JobBuilder(objects.job(step)).withNewStatus().withSucceeded(1).endStatus().build();
    }

    private Job failed(MigrationStep step) {
        return new JobBuilder(objects.job(step)).withNewStatus().withFailed(1).endStatus().build();
    }

    private StatefulSet rolledOut(int ready) {
        return new StatefulSetBuilder(objects.statefulSet()).editMetadata().withGeneration(1L).endMetadata()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1)
                .withReadyReplicas(ready).withCurrentRevision("r1").withUpdateRevision("r1").endStatus().build();
    }

    @Test
    void walksThePreDeploymentJobTheRolloutAndThePostDeploymentJobInOrder() {
        assertThat(forum.seen(running(MigrationStep.PRE), 5 * MS)).isEmpty();
        assertThat(forum.seen(succeeded(MigrationStep.PRE), 900 * MS)).contains(Step.ROLLOUT);
        assertThat(forum.seen(rolledOut(0), 1000 * MS)).isEmpty();
        assertThat(forum.seen(rolledOut(1), 1200 * MS)).contains(Step.POST_JOB);
        assertThat(forum.done.getCount()).isOne();
        assertThat(forum.seen(succeeded(MigrationStep.POST), 2500 * MS)).contains(Step.READY);
        assertThat(forum.done.getCount()).isZero();
        assertThat(forum.preDoneMs()).isEqualTo(900);
        assertThat(forum.rolledOutMs()).isEqualTo(1200);
        assertThat(forum.readyMs()).isEqualTo(2500);
    }

    @Test
    void aFinishedStepSeenAgainOrTheWrongStepsObjectChangesNothing() {
        assertThat(forum.seen(rolledOut(1), MS)).as("no StatefulSet is awaited yet").isEmpty();
        assertThat(forum.seen(succeeded(MigrationStep.POST), MS)).as("the post Job is not awaited yet").isEmpty();
        forum.seen(succeeded(MigrationStep.PRE), 2 * MS);
        assertThat(forum.seen(succeeded(MigrationStep.PRE), 3 * MS)).as("one StatefulSet, not two").isEmpty();
        assertThat(forum.preDoneMs()).isEqualTo(2);
        forum.seen(rolledOut(1), 4 * MS);
        assertThat(forum.seen(rolledOut(1), 5 * MS)).as("one post Job, not two").isEmpty();
        assertThat(forum.rolledOutMs()).isEqualTo(4);
    }

    @Test
    void aFailedJobOrRequestEndsTheForumNotReady() {
        assertThat(forum.seen(failed(MigrationStep.PRE), MS)).contains(Step.FAILED);
        assertThat(forum.done.getCount()).isZero();
        assertThat(forum.readyMs()).isNaN();
        assertThat(forum.failure).contains("failed");

        FloorForum other = new FloorForum(objects, 0);
        assertThat(other.fail("creating its objects: 409")).isEqualTo(Step.FAILED);
        assertThat(other.seen(succeeded(MigrationStep.PRE), MS)).isEqualTo(Optional.empty());
    }

    @Test
    void aReadyForumStaysReadyWhateverFailsLater() {
        forum.seen(succeeded(MigrationStep.PRE), MS);
        forum.seen(rolledOut(1), 2 * MS);
        forum.seen(succeeded(MigrationStep.POST), 3 * MS);
        assertThat(forum.fail("late")).isEqualTo(Step.READY);
        assertThat(forum.failure).isNull();
    }
}
