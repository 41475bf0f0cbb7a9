package dev.operator.discourse.restore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreStatus;
import dev.operator.discourse.api.v1alpha1.RestorePhase;
import dev.operator.discourse.status.Conditions;

/** The statuses a restore goes through, each built from the stored one; pure, so each is unit-tested. */
public final class RestoreStatuses {

    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    public static final String FORUM_HELD = "ForumHeld";

    private RestoreStatuses() {
    }

    public static DiscourseRestoreStatus pending(DiscourseRestore restore, String reason, String message, Clock clock) {
        var status = new DiscourseRestoreStatus();
        status.setPhase(RestorePhase.PENDING);
        status.setObservedGeneration(restore.getMetadata().getGeneration());
        status.setMessage(message);
        status.setHoldsForum(false);
        status.setConditions(conditions(restore, restore.getMetadata().getGeneration(), clock)
                .set(COMPLETE, false, reason, message).set(FORUM_HELD, false, "NotStarted", "The forum serves").build());
        return status;
    }

    /** The archive is known from here on; the forum is held from Stopping to Starting. */
    public static DiscourseRestoreStatus step(DiscourseRestore restore, RestorePhase phase, String archive, String location,
            String job, String message, Clock clock) {
        var status = copy(restore.getStatus());
        status.setPhase(phase);
        status.setObservedGeneration(restore.getMetadata().getGeneration());
        status.setArchive(archive);
        status.setLocation(location);
        status.setJob(job);
        status.setMessage(message);
        boolean holds = phase != RestorePhase.CHECKING && phase != RestorePhase.STARTING;
        status.setHoldsForum(holds);
        if (phase == RestorePhase.STOPPING && status.getStartedAt() == null) {
            status.setStartedAt(now(clock));
        }
        status.setConditions(conditions(restore, status.getObservedGeneration(), clock)
                .set(COMPLETE, false, reasonOf(phase), message)
                .set(FORUM_HELD, holds, holds ? "Restoring" : "NotHeld",
                        holds ? "Web and Sidekiq are held at zero replicas" : "The forum runs at its replicas").build());
        return status;
    }

    public static DiscourseRestoreStatus succeeded(DiscourseRestore restore, String message, Clock clock) {
        var status = copy(restore.getStatus());
        status.setPhase(RestorePhase.SUCCEEDED);
        status.setMessage(message);
        status.setHoldsForum(false);
        status.setCompletedAt(now(clock));
        status.setConditions(conditions(restore, status.getObservedGeneration(), clock)
                .set(COMPLETE, true, "Succeeded", message)
                .set(FORUM_HELD, false, "Released", "The forum runs at its replicas").build());
        return status;
    }

    /**
     * @param holds whether the forum stays at zero: when the database is not a forum to start on, or unknown
     */
    public static DiscourseRestoreStatus failed(DiscourseRestore restore, String reason, String message,
            String databaseState, boolean holds, Clock clock) {
        var status = copy(restore.getStatus());
        status.setPhase(RestorePhase.FAILED);
        status.setMessage(message);
        status.setDatabaseState(databaseState);
        status.setHoldsForum(holds);
        status.setCompletedAt(now(clock));
        status.setConditions(conditions(restore, status.getObservedGeneration(), clock)
                .set(COMPLETE, false, reason, message).set(FAILED, true, reason, message)
                .set(FORUM_HELD, holds, holds ? "HeldAfterFailure" : "Released", holds
                        ? "Web and Sidekiq stay at zero replicas until this DiscourseRestore is deleted"
                        : "The forum runs at its replicas on the database as it is").build());
        return status;
    }

    /** The same status, saying that the step's Job was made. */
    public static DiscourseRestoreStatus made(DiscourseRestore restore, String job) {
        var status = copy(restore.getStatus());
        status.setJobMade(job);
        return status;
    }

    private static String reasonOf(RestorePhase phase) {
        return switch (phase) {
            case CHECKING -> "CheckingArchive";
            case STOPPING -> "StoppingForum";
            case RESTORING -> "Restoring";
            case MIGRATING -> "Migrating";
            case STARTING -> "StartingForum";
            default -> phase.name();
        };
    }

    private static Conditions conditions(DiscourseRestore restore, Long generation, Clock clock) {
        return new Conditions(restore.getStatus() == null ? null : restore.getStatus().getConditions(), generation, clock);
    }

    private static DiscourseRestoreStatus copy(DiscourseRestoreStatus from) {
        var status = new DiscourseRestoreStatus();
        if (from == null) {
            return status;
        }
        status.setPhase(from.getPhase());
        status.setObservedGeneration(from.getObservedGeneration());
        status.setMessage(from.getMessage());
        status.setJob(from.getJob());
        status.setJobMade(from.getJobMade());
        status.setArchive(from.getArchive());
        status.setLocation(from.getLocation());
        status.setHoldsForum(from.getHoldsForum());
        status.setDatabaseState(from.getDatabaseState());
        status.setStartedAt(from.getStartedAt());
        status.setCompletedAt(from.getCompletedAt());
        status.setConditions(from.getConditions());
        return status;
    }

    private static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
