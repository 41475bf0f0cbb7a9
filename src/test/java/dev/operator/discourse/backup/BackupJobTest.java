package dev.operator.discourse.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/** The backup's Job, its report, its gate and its statuses, without a cluster. */
class BackupJobTest {

    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void theJobRunsDiscoursesBackupWithTheUploadsVolumeAndReportsTheArchive() {
        DiscourseBackup backup = backup("nightly", "2026-01-01T00:00:00Z", null);
        Job job = BackupJob.build(backup, workload(1));

        assertThat(job.getMetadata().getName()).matches("nightly-[0-9a-f]{8}").isEqualTo(BackupJob.name(backup));
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "backup")
                .containsEntry(BackupJob.LABEL_BACKUP, "nightly").containsEntry("discourse.operator.dev/instance", "forum")
                .doesNotContainKey("app.kubernetes.io/instance");
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).extracting(v -> v.getName()).containsExactly("uploads");
        // beside a web pod, where a ReadWriteOnce claim is already attached
        assertThat(pod.getAffinity().getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .satisfies(t -> assertThat(t.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        var container = pod.getContainers().get(0);
        assertThat(container.getVolumeMounts()).extracting(m -> m.getName()).containsExactly("uploads");
        assertThat(container.getCommand().get(2)).isEqualTo("""
                set -eu
                bin/bundle exec script/discourse backup "$BACKUP_BASENAME"
                bin/rails runner "$BACKUP_REPORT" > "${BACKUP_RESULT:-/dev/termination-log}"
                """);
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("DISCOURSE_DB_HOST", BackupJob.BASENAME_ENV,
                BackupJob.REPORT_ENV);
        assertThat(container.getEnv()).filteredOn(e -> e.getName().equals(BackupJob.BASENAME_ENV)).singleElement()
                .extracting(EnvVar::getValue).isEqualTo(job.getMetadata().getName());

        backup.getSpec().setWithUploads(false);
        assertThat(BackupJob.build(backup, workload(1)).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getCommand().get(2)).contains("script/discourse backup --sql-only \"$BACKUP_BASENAME\"");
    }

    @Test
    void theReportIsReadOnlyWhenItNamesAnArchiveAndItsSize() {
        assertThat(BackupReport.parse("archive=nightly-1a2b3c4d-v20250801000000.tar.gz\nsize=1234\nlocation=local\n"
                + "version=3.5.2\n")).contains(new BackupReport("nightly-1a2b3c4d-v20250801000000.tar.gz", 1234, "local", "3.5.2"));
        assertThat(BackupReport.parse(null)).isEmpty();
        assertThat(BackupReport.parse("rake aborted!\nPG::ConnectionBad")).isEmpty();
        assertThat(BackupReport.parse("archive=x\nsize=lots")).isEmpty();
        assertThat(BackupReport.parse("size=1")).isEmpty();
    }

    @Test
    void oneBackupOrMigrationAtATimeTheOldestPendingFirstAndOnlyOnAReadyForum() {
        DiscourseBackup first = backup("a", "2026-01-01T00:00:00Z", null);
        DiscourseBackup second = backup("b", "2026-01-01T00:00:05Z", null);
        Optional<StatefulSet> ready = Optional.of(workload(1));

        assertThat(BackupGate.waitFor(first, List.of(first, second), List.of(), ready)).isEmpty();
        assertThat(BackupGate.waitFor(second, List.of(first, second), List.of(), ready))
                .contains("Waiting for DiscourseBackup a, which came first");
        DiscourseBackup running = backup("a", "2026-01-01T00:00:00Z", BackupPhase.RUNNING);
        assertThat(BackupGate.waitFor(second, List.of(running, second), List.of(), ready))
                .contains("Waiting for DiscourseBackup a of forum to end: one backup at a time");
        DiscourseBackup done = backup("a", "2026-01-01T00:00:00Z", BackupPhase.FAILED);
        assertThat(BackupGate.waitFor(second, List.of(done, second), List.of(), ready)).isEmpty();

        Job migrating = new JobBuilder().withNewMetadata().withName("forum-pre-1").addToLabels("app.kubernetes.io/component",
                "migration").endMetadata().build();
        assertThat(BackupGate.waitFor(first, List.of(first), List.of(migrating), ready))
                .contains("Waiting for migration Job forum-pre-1 to end");
        Job migrated = new JobBuilder(migrating).withNewStatus().withSucceeded(1).endStatus().build();
        assertThat(BackupGate.waitFor(first, List.of(first), List.of(migrated), ready)).isEmpty();

        assertThat(BackupGate.waitFor(first, List.of(first), List.of(), Optional.of(workload(0))))
                .contains("Waiting for a ready pod of DiscourseInstance forum");
        assertThat(BackupGate.waitFor(first, List.of(first), List.of(), Optional.empty()))
                .contains("Waiting for a ready pod of DiscourseInstance forum");
    }

    @Test
    void theStatusesCarryTheArchiveOnSuccessAndTheReasonOnFailure() {
        DiscourseBackup backup = backup("nightly", "2026-01-01T00:00:00Z", null);
        backup.setStatus(BackupStatuses.running(backup, "nightly-1a2b3c4d", T1));
        assertThat(backup.getStatus().getPhase()).isEqualTo(BackupPhase.RUNNING);
        assertThat(backup.getStatus().getJob()).isEqualTo("nightly-1a2b3c4d");
        assertThat(backup.getStatus().getStartedAt()).isEqualTo("2026-01-01T03:00:00Z");

        DiscourseBackupStatus ok = BackupStatuses.succeeded(backup, new BackupReport("f.tar.gz", 42, "s3", "3.5.2"), T1);
        assertThat(ok.getPhase()).isEqualTo(BackupPhase.SUCCEEDED);
        assertThat(ok.getArchive()).isEqualTo("f.tar.gz");
        assertThat(ok.getSizeBytes()).isEqualTo(42L);
        assertThat(ok.getLocation()).isEqualTo("s3");
        assertThat(ok.getDiscourseVersion()).isEqualTo("3.5.2");
        assertThat(ok.getMessage()).isEqualTo("Archive f.tar.gz (42 bytes) in the s3 backup store");
        assertThat(ok.getConditions()).anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));

        DiscourseBackupStatus failed = BackupStatuses.failed(backup, "BackupFailed", "Job x failed: boom", T1);
        assertThat(failed.getPhase()).isEqualTo(BackupPhase.FAILED);
        assertThat(failed.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Failed");
            assertThat(c.getReason()).isEqualTo("BackupFailed");
        });
        assertThat(failed.getArchive()).isNull();
    }

    static DiscourseBackup backup(String name, String created, BackupPhase phase) {
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid("uid-" + name)
                .withGeneration(1L).withCreationTimestamp(created).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        backup.setSpec(spec);
        if (phase != null) {
            DiscourseBackupStatus status = new DiscourseBackupStatus();
            status.setPhase(phase);
            backup.setStatus(status);
        }
        return backup;
    }

    private static StatefulSet workload(int ready) {
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
                .withNewStatus().withReadyReplicas(ready).endStatus().build();
    }
}
