package dev.operator.discourse.usertask;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTask;
import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskStatus;
import dev.operator.discourse.api.v1alpha1.UserTaskPhase;
import dev.operator.discourse.status.Conditions;

/** The statuses a task goes through, built from the stored one; pure, so each is unit-tested. */
public final class UserTaskStatuses {

    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    public static final String SPEC_CHANGE_IGNORED = "SpecChangeIgnored";

    private UserTaskStatuses() {
    }

    public static DiscourseUserTaskStatus pending(DiscourseUserTask task, String reason, String message, Clock clock) {
        var status = new DiscourseUserTaskStatus();
        status.setPhase(UserTaskPhase.PENDING);
        status.setObservedGeneration(task.getMetadata().getGeneration());
        status.setMessage(message);
        status.setConditions(conditions(task, clock).set(COMPLETE, false, reason, message).build());
        return status;
    }

    public static DiscourseUserTaskStatus running(DiscourseUserTask task, String job, String passwordSecret,
            Clock clock) {
        var status = new DiscourseUserTaskStatus();
        status.setPhase(UserTaskPhase.RUNNING);
        status.setObservedGeneration(task.getMetadata().getGeneration());
        status.setStartedAt(now(clock));
        status.setJob(job);
        status.setAttemptId(job);
        status.setPasswordSecret(passwordSecret);
        String message = "Running in Job " + job;
        status.setMessage(message);
        status.setConditions(conditions(task, clock).set(COMPLETE, false, "Running", message).build());
        return status;
    }

    /** The final status: the running one, with its outcome. observedGeneration stays the generation that ran. */
    public static DiscourseUserTaskStatus finished(DiscourseUserTask task, UserTaskOutcome outcome, Clock clock) {
        DiscourseUserTaskStatus running = task.getStatus();
        var status = copy(running);
        status.setPhase(outcome.succeeded() ? UserTaskPhase.SUCCEEDED : UserTaskPhase.FAILED);
        status.setCompletedAt(now(clock));
        status.setMessage(outcome.message());
        var conditions = new Conditions(running.getConditions(), running.getObservedGeneration(), clock)
                .set(COMPLETE, outcome.succeeded(), outcome.reason(), outcome.message());
        if (!outcome.succeeded()) {
            conditions.set(FAILED, true, outcome.reason(), outcome.message());
        }
        status.setConditions(conditions.build());
        return status;
    }

    /** Whether the spec changed after the task started and the status does not say yet that it was ignored. */
    public static boolean specChangeUnreported(DiscourseUserTask task) {
        DiscourseUserTaskStatus status = task.getStatus();
        Long generation = task.getMetadata().getGeneration();
        if (status == null || generation == null || status.getObservedGeneration() == null
                || generation <= status.getObservedGeneration()) {
            return false;
        }
        return !Conditions.alreadySaid(status.getConditions(), SPEC_CHANGE_IGNORED, true, specChangeMessage(task));
    }

    public static String specChangeMessage(DiscourseUserTask task) {
        return "spec changed to generation " + task.getMetadata().getGeneration() + " after the task started with "
                + "generation " + task.getStatus().getObservedGeneration()
                + "; a task runs once, so the change is ignored: create a new task";
    }

    /** The stored status plus SpecChangeIgnored; every other condition keeps its observedGeneration. */
    public static DiscourseUserTaskStatus specChangeIgnored(DiscourseUserTask task, Clock clock) {
        DiscourseUserTaskStatus stored = task.getStatus();
        var status = copy(stored);
        var others = stored.getConditions().stream().filter(c -> !SPEC_CHANGE_IGNORED.equals(c.getType())).toList();
        var ignored = new Conditions(stored.getConditions(), task.getMetadata().getGeneration(), clock)
                .set(SPEC_CHANGE_IGNORED, true, "TaskAlreadyStarted", specChangeMessage(task)).build();
        var all = new java.util.ArrayList<>(others);
        all.addAll(ignored);
        status.setConditions(all);
        return status;
    }

    private static Conditions conditions(DiscourseUserTask task, Clock clock) {
        return new Conditions(task.getStatus() == null ? null : task.getStatus().getConditions(),
                task.getMetadata().getGeneration(), clock);
    }

    private static DiscourseUserTaskStatus copy(DiscourseUserTaskStatus from) {
        var status = new DiscourseUserTaskStatus();
        status.setPhase(from.getPhase());
        status.setObservedGeneration(from.getObservedGeneration());
        status.setMessage(from.getMessage());
        status.setStartedAt(from.getStartedAt());
        status.setCompletedAt(from.getCompletedAt());
        status.setJob(from.getJob());
        status.setAttemptId(from.getAttemptId());
        status.setPasswordSecret(from.getPasswordSecret());
        status.setConditions(from.getConditions());
        return status;
    }

    private static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
