package dev.operator.discourse.usertask;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskStatus;
import dev.operator.discourse.api.v1alpha1.UserTaskPhase;
import dev.operator.discourse.status.LockedStatusWriter;

/**
 * The task's status moves, each written by {@link LockedStatusWriter}: a claim from Pending, an end of the run
 * the status marks, and the writes in between.
 */
@ApplicationScoped
public class UserTaskStatusWriter {

    private final LockedStatusWriter writer;

    public UserTaskStatusWriter(LockedStatusWriter writer) {
        this.writer = writer;
    }

    /**
     * Moves the task from Pending (or no status) to the Running status {@code running} builds, if it still is
     * Pending at the generation the caller decided on.
     *
     * @return the task as written, or empty when it was not this caller's to start
     */
    public Optional<DiscourseUserTask> claim(DiscourseUserTask seen,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> running) {
        return write(seen, fresh -> {
            boolean pending = fresh.getStatus() == null || fresh.getStatus().getPhase() == null
                    || fresh.getStatus().getPhase() == UserTaskPhase.PENDING;
            boolean sameSpec = Objects.equals(fresh.getMetadata().getGeneration(), seen.getMetadata().getGeneration());
            return pending && sameSpec ? running.apply(fresh) : null;
        });
    }

    /** Writes the final status, if the stored status is still the run {@code attemptId} marks. */
    public Optional<DiscourseUserTask> finish(DiscourseUserTask seen, String attemptId,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> finished) {
        return write(seen, fresh -> fresh.getStatus() != null && fresh.getStatus().getPhase() == UserTaskPhase.RUNNING
                && Objects.equals(attemptId, fresh.getStatus().getAttemptId()) ? finished.apply(fresh) : null);
    }

    /** Writes a status that does not start or end a run (Pending, SpecChangeIgnored) when it differs. */
    public Optional<DiscourseUserTask> update(DiscourseUserTask seen,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> next) {
        return write(seen, fresh -> {
            DiscourseUserTaskStatus status = next.apply(fresh);
            return status == null || status.equals(fresh.getStatus()) ? null : status;
        });
    }

    private Optional<DiscourseUserTask> write(DiscourseUserTask seen,
            Function<DiscourseUserTask, DiscourseUserTaskStatus> next) {
        return writer.write(DiscourseUserTask.class, seen, next);
    }
}
