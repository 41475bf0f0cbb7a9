package dev.operator.discourse.backup.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;

/**
 * Which of a schedule's backups go, as a CronJob's history limits decide which Jobs go, newest by scheduled time
 * kept. Only finished backups the schedule made count, and only they go: a backup made by hand, or one still
 * pending or running, is never touched.
 *
 * @param pruneArchives succeeded backups beyond {@code keep}: first their archive is deleted from the backup
 *        store by a Job, then the object
 * @param deleteObjects failed backups beyond {@code keepFailed}, and succeeded ones beyond {@code keep} that name
 *        no archive: there is nothing to delete but the object
 */
public record RetentionPlan(List<DiscourseBackup> pruneArchives, List<DiscourseBackup> deleteObjects) {

    public static RetentionPlan of(DiscourseBackupSchedule schedule, Collection<DiscourseBackup> backups) {
        return of(schedule, backups, java.util.Set.of());
    }

    /**
     * @param inUse backups an unfinished DiscourseRestore names: their archive is about to be read, so they stay
     *        (and count among those kept) until the restore ends
     */
    public static RetentionPlan of(DiscourseBackupSchedule schedule, Collection<DiscourseBackup> backups,
            java.util.Set<String> inUse) {
        List<DiscourseBackup> mine = backups.stream().filter(b -> ScheduledBackups.of(schedule, b))
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .sorted(ScheduledBackups.NEWEST_FIRST).toList();
        List<DiscourseBackup> prune = new ArrayList<>();
        List<DiscourseBackup> delete = new ArrayList<>();
        List<DiscourseBackup> succeeded = mine.stream().filter(b -> phase(b) == BackupPhase.SUCCEEDED).toList();
        for (DiscourseBackup old : succeeded.subList(Math.min(succeeded.size(), Math.max(1, schedule.getSpec().getKeep())),
                succeeded.size())) {
            if (inUse.contains(old.getMetadata().getName())) {
                continue;
            }
            String archive = old.getStatus().getArchive();
            (archive == null || archive.isBlank() ? delete : prune).add(old);
        }
        List<DiscourseBackup> failed = mine.stream().filter(b -> phase(b) == BackupPhase.FAILED).toList();
        delete.addAll(failed.subList(Math.min(failed.size(), Math.max(0, schedule.getSpec().getKeepFailed())),
                failed.size()));
        return new RetentionPlan(List.copyOf(prune), List.copyOf(delete));
    }

    private static BackupPhase phase(DiscourseBackup backup) {
        return backup.getStatus() == null ? null : backup.getStatus().getPhase();
    }
}
