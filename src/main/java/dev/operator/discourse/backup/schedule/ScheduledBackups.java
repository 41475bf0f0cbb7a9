package dev.operator.discourse.backup.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.workload.WorkloadJobs;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * The DiscourseBackup a schedule makes for one scheduled time. Its name comes from the schedule's name and that
 * time alone, so a reconcile that runs again after a crash between the create and the status write asks for the
 * same name, and the API server's 409 says the backup is already there. The backup carries no owner reference:
 * deleting the schedule leaves its backups, and their archives, where they are.
 */
public final class ScheduledBackups {

    /** Which schedule made a backup; the schedule's backups informer selects on it. */
    public static final String LABEL_SCHEDULE = "discourse.operator.dev/backup-schedule";
    /** The scheduled time a backup was made for (an ISO-8601 instant); retention orders by it. */
    public static final String ANNOTATION_SCHEDULED = "discourse.operator.dev/scheduled-time";

    /** The minute a backup was scheduled for, in UTC, whatever the schedule's time zone: names sort as times do. */
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    /** A backup's name is also a label value (its Jobs' discourse.operator.dev/backup), at most 63 characters. */
    static final int MAX_NAME = 63;
    /** How much of the schedule's name fits in front of "-yyyyMMddHHmm". */
    static final int MAX_PREFIX = MAX_NAME - 13;

    /** Newest scheduled first; a backup without the annotation by its creation, then by name, so the order is total. */
    public static final Comparator<DiscourseBackup> NEWEST_FIRST = Comparator
            .comparing((DiscourseBackup b) -> scheduledAt(b).map(Instant::toString)
                    .orElse(String.valueOf(b.getMetadata().getCreationTimestamp())))
            .thenComparing(b -> b.getMetadata().getName()).reversed();

    private ScheduledBackups() {
    }

    /**
     * {@code <schedule>-<yyyyMMddHHmm>}. A schedule's name longer than fits is cut and given a digest of the whole
     * name, so that two long names with the same beginning do not ask for each other's backups.
     */
    public static String name(String schedule, Instant scheduled) {
        String prefix = schedule.length() <= MAX_PREFIX ? schedule
                : schedule.substring(0, MAX_PREFIX - 9) + "-" + WorkloadJobs.digest(schedule).substring(0, 8);
        return prefix + "-" + MINUTE.format(scheduled);
    }

    public static DiscourseBackup desired(DiscourseBackupSchedule schedule, Instant scheduled) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_SCHEDULE, schedule.getMetadata().getName());
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder()
                .withName(name(schedule.getMetadata().getName(), scheduled))
                .withNamespace(schedule.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(Map.of(ANNOTATION_SCHEDULED, scheduled.toString()))
                .build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef(schedule.getSpec().instanceName()));
        spec.setWithUploads(schedule.getSpec().isWithUploads());
        backup.setSpec(spec);
        return backup;
    }

    /** Whether the schedule made this backup, by its label; a backup named alike but made by hand is not its. */
    public static boolean of(DiscourseBackupSchedule schedule, DiscourseBackup backup) {
        return backup.getMetadata().getLabels() != null && schedule.getMetadata().getName()
                .equals(backup.getMetadata().getLabels().get(LABEL_SCHEDULE));
    }

    public static Optional<Instant> scheduledAt(DiscourseBackup backup) {
        String value = backup.getMetadata().getAnnotations() == null ? null
                : backup.getMetadata().getAnnotations().get(ANNOTATION_SCHEDULED);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Pending (or not yet seen by its reconciler) or Running: what a CronJob's Forbid waits for. */
    public static boolean active(DiscourseBackup backup) {
        BackupPhase phase = backup.getStatus() == null ? null : backup.getStatus().getPhase();
        return phase == null || !phase.finished();
    }
}
