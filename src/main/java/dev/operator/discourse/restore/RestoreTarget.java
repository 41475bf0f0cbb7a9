package dev.operator.discourse.restore;

import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreSpec;

/** What a restore's spec names to restore, or why it cannot start yet. Pure: from the spec and the backup it names. */
public sealed interface RestoreTarget {

    /** The archive, and the store to read it from (null: the instance's backup_location). */
    record Archive(String archive, String location) implements RestoreTarget {
    }

    /** Not now: a reason (for the condition) and what to do. */
    record NotYet(String reason, String message) implements RestoreTarget {
    }

    static RestoreTarget of(DiscourseRestoreSpec spec, Optional<DiscourseBackup> backup) {
        String instance = spec.instanceName();
        if (!instance.equals(spec.getConfirmInstanceName())) {
            return new NotYet("NotConfirmed", "spec.confirmInstanceName is '" + spec.getConfirmInstanceName()
                    + "', not '" + instance + "': set it to the instance's name to confirm that its database is replaced");
        }
        if (spec.getBackupRef() == null) {
            return new Archive(spec.getArchive(), spec.getLocation());
        }
        String name = spec.getBackupRef().getName();
        if (backup.isEmpty()) {
            return new NotYet("BackupNotFound", "DiscourseBackup " + name + " not found");
        }
        var b = backup.get();
        if (b.getStatus() == null || b.getStatus().getPhase() != BackupPhase.SUCCEEDED) {
            String phase = b.getStatus() == null || b.getStatus().getPhase() == null ? "Pending"
                    : b.getStatus().getPhase() == BackupPhase.FAILED ? "Failed" : String.valueOf(b.getStatus().getPhase());
            return b.getStatus() != null && b.getStatus().getPhase() == BackupPhase.FAILED
                    ? new NotYet("BackupFailed", "DiscourseBackup " + name + " failed and made no archive to restore")
                    : new NotYet("BackupNotDone", "Waiting for DiscourseBackup " + name + " to succeed (it is " + phase + ")");
        }
        String location = spec.getLocation() != null ? spec.getLocation() : b.getStatus().getLocation();
        return new Archive(b.getStatus().getArchive(), location);
    }
}
