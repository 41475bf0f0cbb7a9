package dev.operator.discourse.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupScheduleSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupScheduleStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** A schedule's backups, their names, what retention takes and the prune Job, without a cluster. */
class BackupScheduleTest {

    private static final Instant THREE_AM = Instant.parse("2026-01-02T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:00:05Z"), ZoneOffset.UTC);

    @Test
    void aBackupIsNamedAfterItsScheduleAndTheScheduledMinuteInUtc() {
        assertThat(ScheduledBackups.name("nightly", THREE_AM)).isEqualTo("nightly-202601020300");
        // the same minute from any zone's schedule is the same instant, and the same name
        assertThat(ScheduledBackups.name("nightly", Instant.parse("2026-07-01T01:30:00Z"))).isEqualTo("nightly-202607010130");

        String longName = "a".repeat(60);
        String cut = ScheduledBackups.name(longName, THREE_AM);
        assertThat(cut).hasSize(63).startsWith("a".repeat(41) + "-").endsWith("-202601020300");
        assertThat(ScheduledBackups.name("a".repeat(59) + "b", THREE_AM)).as("two long names alike stay apart")
                .isNotEqualTo(cut).hasSize(63);
        assertThat(ScheduledBackups.name("b".repeat(50), THREE_AM)).hasSize(63).startsWith("b".repeat(50) + "-");
    }

    @Test
    void theDesiredBackupIsLabelledAnnotatedCopiesWithUploadsAndHasNoOwner() {
        DiscourseBackupSchedule schedule = schedule("nightly", 5, 1);
        schedule.getSpec().setWithUploads(false);
        DiscourseBackup backup = ScheduledBackups.desired(schedule, THREE_AM);

        assertThat(backup.getMetadata().getName()).isEqualTo("nightly-202601020300");
        assertThat(backup.getMetadata().getNamespace()).isEqualTo("ns");
        assertThat(backup.getMetadata().getLabels()).containsExactlyEntriesOf(
                Map.of(ScheduledBackups.LABEL_SCHEDULE, "nightly"));
        assertThat(backup.getMetadata().getAnnotations()).containsEntry(ScheduledBackups.ANNOTATION_SCHEDULED,
                "2026-01-02T03:00:00Z");
        assertThat(backup.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(backup.getSpec().instanceName()).isEqualTo("forum");
        assertThat(backup.getSpec().isWithUploads()).isFalse();
        assertThat(ScheduledBackups.of(schedule, backup)).isTrue();
        assertThat(ScheduledBackups.scheduledAt(backup)).contains(THREE_AM);
        assertThat(ScheduledBackups.of(schedule("weekly", 5, 1), backup)).isFalse();
    }

    @Test
    void retentionPrunesTheOldestSucceededBeyondKeepAndDeletesFailedBeyondKeepFailed() {
        DiscourseBackupSchedule schedule = schedule("nightly", 2, 1);
        List<DiscourseBackup> backups = new ArrayList<>();
        backups.add(mine("nightly-d1", "2026-01-01T03:00:00Z", BackupPhase.SUCCEEDED, "d1.tar.gz"));
        backups.add(mine("nightly-d4", "2026-01-04T03:00:00Z", BackupPhase.SUCCEEDED, "d4.tar.gz"));
        backups.add(mine("nightly-d2", "2026-01-02T03:00:00Z", BackupPhase.SUCCEEDED, "d2.tar.gz"));
        backups.add(mine("nightly-d3", "2026-01-03T03:00:00Z", BackupPhase.SUCCEEDED, "d3.tar.gz"));
        backups.add(mine("nightly-f1", "2025-12-30T03:00:00Z", BackupPhase.FAILED, null));
        backups.add(mine("nightly-f2", "2025-12-31T03:00:00Z", BackupPhase.FAILED, null));
        // never touched: still running, pending, made by hand, another schedule's
        backups.add(mine("nightly-r", "2025-01-01T03:00:00Z", BackupPhase.RUNNING, null));
        backups.add(mine("nightly-p", "2025-01-01T04:00:00Z", null, null));
        DiscourseBackup byHand = mine("by-hand", "2025-01-01T03:00:00Z", BackupPhase.SUCCEEDED, "h.tar.gz");
        byHand.getMetadata().setLabels(Map.of());
        backups.add(byHand);
        DiscourseBackup other = mine("weekly-1", "2025-01-01T03:00:00Z", BackupPhase.SUCCEEDED, "w.tar.gz");
        other.getMetadata().setLabels(Map.of(ScheduledBackups.LABEL_SCHEDULE, "weekly"));
        backups.add(other);

        RetentionPlan plan = RetentionPlan.of(schedule, backups);
        assertThat(plan.pruneArchives()).extracting(b -> b.getMetadata().getName()).containsExactly("nightly-d2", "nightly-d1");
        assertThat(plan.deleteObjects()).extracting(b -> b.getMetadata().getName()).containsExactly("nightly-f1");
        assertThat(RetentionPlan.of(schedule, backups, java.util.Set.of("nightly-d1")).pruneArchives())
                .as("an archive a running restore reads stays").extracting(b -> b.getMetadata().getName())
                .containsExactly("nightly-d2");

        schedule.getSpec().setKeepFailed(0);
        schedule.getSpec().setKeep(4);
        plan = RetentionPlan.of(schedule, backups);
        assertThat(plan.pruneArchives()).isEmpty();
        assertThat(plan.deleteObjects()).extracting(b -> b.getMetadata().getName()).containsExactly("nightly-f2", "nightly-f1");
    }

    @Test
    void aSucceededBackupWithoutAnArchiveGoesAsAnObjectOnlyAndOneBeingDeletedIsLeft() {
        DiscourseBackupSchedule schedule = schedule("nightly", 1, 1);
        DiscourseBackup newest = mine("nightly-d3", "2026-01-03T03:00:00Z", BackupPhase.SUCCEEDED, "d3.tar.gz");
        DiscourseBackup noArchive = mine("nightly-d2", "2026-01-02T03:00:00Z", BackupPhase.SUCCEEDED, null);
        DiscourseBackup deleting = mine("nightly-d1", "2026-01-01T03:00:00Z", BackupPhase.SUCCEEDED, "d1.tar.gz");
        deleting.getMetadata().setDeletionTimestamp("2026-01-03T04:00:00Z");

        RetentionPlan plan = RetentionPlan.of(schedule, List.of(deleting, noArchive, newest));
        assertThat(plan.pruneArchives()).isEmpty();
        assertThat(plan.deleteObjects()).containsExactly(noArchive);
    }

    @Test
    void thePruneJobDeletesTheArchiveFromTheStoreItWasReportedInThroughTheEnv() {
        DiscourseBackup old = mine("nightly-202601010300", "2026-01-01T03:00:00Z", BackupPhase.SUCCEEDED,
                "nightly-202601010300-1a2b3c4d-v20260101030000.tar.gz");
        old.getStatus().setLocation("s3");
        Job job = PruneJob.build(old, workload());

        assertThat(job.getMetadata().getName()).matches("nightly-202601010300-[0-9a-f]{8}-prune")
                .isEqualTo(PruneJob.name(old));
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "backup-prune")
                .containsEntry("app.kubernetes.io/managed-by", "discourse-operator")
                .containsEntry("discourse.operator.dev/instance", "forum")
                .containsEntry("discourse.operator.dev/backup", "nightly-202601010300")
                .containsEntry(ScheduledBackups.LABEL_SCHEDULE, "nightly");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("DiscourseBackup");
            assertThat(o.getName()).isEqualTo("nightly-202601010300");
        });
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("uploads");
        var container = pod.getContainers().get(0);
        assertThat(container.getCommand().get(2)).isEqualTo("set -eu\nbin/rails runner \"$BACKUP_PRUNE\"\n");
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("DISCOURSE_DB_HOST", PruneJob.ARCHIVE_ENV,
                PruneJob.LOCATION_ENV, PruneJob.RUBY_ENV);
        assertThat(env(job, PruneJob.ARCHIVE_ENV)).isEqualTo(old.getStatus().getArchive());
        assertThat(env(job, PruneJob.LOCATION_ENV)).isEqualTo("s3");
        String ruby = env(job, PruneJob.RUBY_ENV);
        assertThat(ruby).contains("BackupRestore::BackupStore.create(location: location)", "store.delete_file(name)",
                "ENV.fetch(\"PRUNE_ARCHIVE\")").doesNotContain(old.getStatus().getArchive());

        // a long backup name is cut so that the name and the pods' job-name label fit
        DiscourseBackup longOne = mine("b".repeat(63), "2026-01-01T03:00:00Z", BackupPhase.SUCCEEDED, "x.tar.gz");
        assertThat(PruneJob.name(longOne)).hasSize(63).endsWith("-prune");
        // without a reported location the site's own store
        old.getStatus().setLocation(null);
        assertThat(PruneJob.build(old, workload()).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).doesNotContain(PruneJob.LOCATION_ENV);
    }

    @Test
    void aBadCronATimeZoneOrAnOffsetOrALongNameIsSaidInWords() {
        DiscourseBackupSchedule schedule = schedule("nightly", 5, 1);
        assertThat(ParsedSchedule.of(schedule).valid()).isTrue();

        schedule.getSpec().setSchedule("61 * * * *");
        assertThat(ParsedSchedule.of(schedule).problem()).startsWith("spec.schedule '61 * * * *' is not a cron schedule: ");
        schedule.getSpec().setSchedule("0 3 * * *");
        schedule.getSpec().setTimeZone("Mars/Olympus");
        assertThat(ParsedSchedule.of(schedule).problem()).isEqualTo(
                "spec.timeZone 'Mars/Olympus' is not an IANA time zone such as Europe/Berlin");
        schedule.getSpec().setTimeZone("+02:00");
        assertThat(ParsedSchedule.of(schedule).problem()).contains("is an offset");
        schedule.getSpec().setTimeZone("Europe/Berlin");
        assertThat(ParsedSchedule.of(schedule).zone().getId()).isEqualTo("Europe/Berlin");
        schedule.getMetadata().setName("n".repeat(64));
        assertThat(ParsedSchedule.of(schedule).problem()).contains("longer than 63 characters");
    }

    @Test
    void theLastScheduleTimeOnlyMovesForward() {
        DiscourseBackupSchedule schedule = schedule("nightly", 5, 1);
        DiscourseBackupScheduleStatus first = ScheduleStatuses.of(schedule, THREE_AM, "nightly-202601020300",
                THREE_AM.plusSeconds(86400), ScheduleStatuses.SCHEDULED, "Next backup at x", CLOCK);
        assertThat(first.getLastScheduleTime()).isEqualTo("2026-01-02T03:00:00Z");
        assertThat(first.getLastBackup()).isEqualTo("nightly-202601020300");
        assertThat(first.getNextScheduleTime()).isEqualTo("2026-01-03T03:00:00Z");
        assertThat(first.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Scheduled");
        });
        schedule.setStatus(first);
        DiscourseBackupScheduleStatus stale = ScheduleStatuses.of(schedule, THREE_AM.minusSeconds(86400), "older", null,
                ScheduleStatuses.PRUNE_FAILED, "Job x could not delete", CLOCK);
        assertThat(stale.getLastScheduleTime()).isEqualTo("2026-01-02T03:00:00Z");
        assertThat(stale.getLastBackup()).isEqualTo("nightly-202601020300");
        assertThat(stale.getConditions()).singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
        assertThat(ScheduleStatuses.of(schedule, null, null, THREE_AM.plusSeconds(86400), ScheduleStatuses.SCHEDULED,
                "Next backup at x", CLOCK)).as("converged: the same status, no write").isEqualTo(first);
    }

    // --- fixtures -------------------------------------------------------------------------------------

    static DiscourseBackupSchedule schedule(String name, int keep, int keepFailed) {
        DiscourseBackupSchedule schedule = new DiscourseBackupSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid("uid-" + name)
                .withGeneration(1L).withCreationTimestamp("2025-01-01T00:00:00Z").build());
        DiscourseBackupScheduleSpec spec = new DiscourseBackupScheduleSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setSchedule("0 3 * * *");
        spec.setKeep(keep);
        spec.setKeepFailed(keepFailed);
        schedule.setSpec(spec);
        return schedule;
    }

    private static DiscourseBackup mine(String name, String scheduled, BackupPhase phase, String archive) {
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid("uid-" + name)
                .withCreationTimestamp(scheduled).withLabels(Map.of(ScheduledBackups.LABEL_SCHEDULE, "nightly"))
                .withAnnotations(Map.of(ScheduledBackups.ANNOTATION_SCHEDULED, scheduled)).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        backup.setSpec(spec);
        if (phase != null) {
            DiscourseBackupStatus status = new DiscourseBackupStatus();
            status.setPhase(phase);
            status.setArchive(archive);
            status.setLocation(archive == null ? null : "local");
            backup.setStatus(status);
        }
        return backup;
    }

    private static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(name)).findFirst().map(EnvVar::getValue).orElse(null);
    }

    private static StatefulSet workload() {
        return new StatefulSetBuilder().withMetadata(new ObjectMetaBuilder().withName("forum").withNamespace("ns").build())
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/instance", "forum").endSelector()
                .withNewTemplate().withNewSpec()
                .addNewContainer().withName("discourse").withImage("discourse:3.5.2")
                .addNewEnv().withName("DISCOURSE_DB_HOST").withValue("db").endEnv()
                .addNewVolumeMount().withName("uploads").withMountPath("/srv/discourse/app/public/uploads").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim().withClaimName("forum-uploads")
                .endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(1).endStatus().build();
    }
}
