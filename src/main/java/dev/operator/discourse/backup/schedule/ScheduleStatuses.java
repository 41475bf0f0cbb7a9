package dev.operator.discourse.backup.schedule;

import java.time.Clock;
import java.time.Instant;

import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupScheduleStatus;
import dev.operator.discourse.status.Conditions;

/**
 * The schedule's status, built on the stored one: its last scheduled time only moves forward (a reconcile that
 * read an older one must not undo a newer run's record), and an unchanged state writes an identical status.
 */
public final class ScheduleStatuses {

    public static final String READY = "Ready";
    public static final String SCHEDULED = "Scheduled";
    public static final String SUSPENDED = "Suspended";
    public static final String INVALID = "InvalidSchedule";
    public static final String INSTANCE_NOT_FOUND = "InstanceNotFound";
    public static final String PRUNE_FAILED = "PruneFailed";
    public static final String NAME_TAKEN = "BackupNameTaken";

    private ScheduleStatuses() {
    }

    /**
     * @param ran the scheduled time of a backup made (or found made) in this reconcile, or null
     * @param backup that backup's name, or null
     * @param next the next scheduled time, or null
     */
    public static DiscourseBackupScheduleStatus of(DiscourseBackupSchedule fresh, Instant ran, String backup, Instant next,
            String reason, String message, Clock clock) {
        DiscourseBackupScheduleStatus previous = fresh.getStatus();
        var status = new DiscourseBackupScheduleStatus();
        status.setObservedGeneration(fresh.getMetadata().getGeneration());
        String last = previous == null ? null : previous.getLastScheduleTime();
        String lastBackup = previous == null ? null : previous.getLastBackup();
        if (ran != null && (last == null || Instant.parse(last).isBefore(ran))) {
            last = ran.toString();
            lastBackup = backup;
        }
        status.setLastScheduleTime(last);
        status.setLastBackup(lastBackup);
        status.setNextScheduleTime(next == null ? null : next.toString());
        status.setMessage(message);
        boolean ready = SCHEDULED.equals(reason) || SUSPENDED.equals(reason);
        status.setConditions(new Conditions(previous == null ? null : previous.getConditions(),
                fresh.getMetadata().getGeneration(), clock).set(READY, ready, reason, message).build());
        return status;
    }
}
