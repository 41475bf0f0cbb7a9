package dev.operator.discourse.backup;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus;
import dev.operator.discourse.status.Conditions;

/** The statuses a backup goes through, built from the stored one; pure, so each is unit-tested. */
public final class BackupStatuses {

    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";

    private BackupStatuses() {
    }

    public static DiscourseBackupStatus pending(DiscourseBackup backup, String reason, String message, Clock clock) {
        var status = new DiscourseBackupStatus();
        status.setPhase(BackupPhase.PENDING);
        status.setObservedGeneration(backup.getMetadata().getGeneration());
        status.setMessage(message);
        status.setConditions(conditions(backup, clock).set(COMPLETE, false, reason, message).build());
        return status;
    }

    public static DiscourseBackupStatus running(DiscourseBackup backup, String job, Clock clock) {
        var status = new DiscourseBackupStatus();
        status.setPhase(BackupPhase.RUNNING);
        status.setObservedGeneration(backup.getMetadata().getGeneration());
        status.setStartedAt(now(clock));
        status.setJob(job);
        String message = "Running in Job " + job;
        status.setMessage(message);
        status.setConditions(conditions(backup, clock).set(COMPLETE, false, "Running", message).build());
        return status;
    }

    public static DiscourseBackupStatus succeeded(DiscourseBackup backup, BackupReport report, Clock clock) {
        var status = copy(backup.getStatus());
        status.setPhase(BackupPhase.SUCCEEDED);
        status.setCompletedAt(now(clock));
        status.setArchive(report.archive());
        status.setSizeBytes(report.sizeBytes());
        status.setLocation(report.location());
        status.setDiscourseVersion(report.discourseVersion());
        String message = "Archive " + report.archive() + " (" + report.sizeBytes() + " bytes) in the "
                + report.location() + " backup store";
        status.setMessage(message);
        status.setConditions(new Conditions(backup.getStatus().getConditions(), backup.getStatus().getObservedGeneration(),
                clock).set(COMPLETE, true, "Succeeded", message).build());
        return status;
    }

    public static DiscourseBackupStatus failed(DiscourseBackup backup, String reason, String message, Clock clock) {
        var status = copy(backup.getStatus());
        status.setPhase(BackupPhase.FAILED);
        status.setCompletedAt(now(clock));
        status.setMessage(message);
        status.setConditions(new Conditions(backup.getStatus().getConditions(), backup.getStatus().getObservedGeneration(),
                clock).set(COMPLETE, false, reason, message).set(FAILED, true, reason, message).build());
        return status;
    }

    private static Conditions conditions(DiscourseBackup backup, Clock clock) {
        return new Conditions(backup.getStatus() == null ? null : backup.getStatus().getConditions(),
                backup.getMetadata().getGeneration(), clock);
    }

    private static DiscourseBackupStatus copy(DiscourseBackupStatus from) {
        var status = new DiscourseBackupStatus();
        status.setPhase(from.getPhase());
        status.setObservedGeneration(from.getObservedGeneration());
        status.setMessage(from.getMessage());
        status.setJob(from.getJob());
        status.setStartedAt(from.getStartedAt());
        status.setCompletedAt(from.getCompletedAt());
        status.setArchive(from.getArchive());
        status.setSizeBytes(from.getSizeBytes());
        status.setLocation(from.getLocation());
        status.setDiscourseVersion(from.getDiscourseVersion());
        status.setConditions(from.getConditions());
        return status;
    }

    private static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
