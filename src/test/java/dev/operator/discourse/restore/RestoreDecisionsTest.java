package dev.operator.discourse.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.BackupRef;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreStatus;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.MigrationStatus;
import dev.operator.discourse.api.v1alpha1.RestorePhase;
import dev.operator.discourse.instance.RestoreHold;
import dev.operator.discourse.instance.migration.MigrationPlan;
import dev.operator.discourse.instance.migration.MigrationStep;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/** The restore's pure decisions: what it restores, when it may start, its statuses, and the hold on the forum. */
class RestoreDecisionsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void nothingStartsUnlessTheSpecRepeatsTheInstancesName() {
        DiscourseRestore r = RestoreJobsTest.restore("r", true);
        r.getSpec().setArchive("a.tar.gz");
        r.getSpec().setConfirmInstanceName("Forum");
        assertThat(RestoreTarget.of(r.getSpec(), Optional.empty())).isInstanceOfSatisfying(RestoreTarget.NotYet.class,
                n -> assertThat(n.reason()).isEqualTo("NotConfirmed"));
        r.getSpec().setConfirmInstanceName(null);
        assertThat(RestoreTarget.of(r.getSpec(), Optional.empty())).isInstanceOf(RestoreTarget.NotYet.class);
        r.getSpec().setConfirmInstanceName("forum");
        assertThat(RestoreTarget.of(r.getSpec(), Optional.empty())).isEqualTo(new RestoreTarget.Archive("a.tar.gz", null));
    }

    @Test
    void aBackupGivesItsArchiveAndStoreOnceItSucceeded() {
        DiscourseRestore r = RestoreJobsTest.restore("r", true);
        r.getSpec().setBackupRef(new BackupRef("nightly"));
        assertThat(RestoreTarget.of(r.getSpec(), Optional.empty())).isEqualTo(
                new RestoreTarget.NotYet("BackupNotFound", "DiscourseBackup nightly not found"));
        DiscourseBackup b = backup(BackupPhase.RUNNING);
        assertThat(RestoreTarget.of(r.getSpec(), Optional.of(b))).isInstanceOfSatisfying(RestoreTarget.NotYet.class,
                n -> assertThat(n.reason()).isEqualTo("BackupNotDone"));
        b.getStatus().setPhase(BackupPhase.FAILED);
        assertThat(RestoreTarget.of(r.getSpec(), Optional.of(b))).isInstanceOfSatisfying(RestoreTarget.NotYet.class,
                n -> assertThat(n.reason()).isEqualTo("BackupFailed"));
        b.getStatus().setPhase(BackupPhase.SUCCEEDED);
        assertThat(RestoreTarget.of(r.getSpec(), Optional.of(b))).isEqualTo(new RestoreTarget.Archive("n-v1.tar.gz", "s3"));
        r.getSpec().setLocation("local");
        assertThat(RestoreTarget.of(r.getSpec(), Optional.of(b))).isEqualTo(new RestoreTarget.Archive("n-v1.tar.gz", "local"));
    }

    @Test
    void oneRestoreAtATimeTheOldestFirstAndNoneBesideARunningJob() {
        DiscourseRestore mine = at(RestoreJobsTest.restore("b", true), "2026-12-03T07:00:00Z", null, null);
        DiscourseRestore older = at(RestoreJobsTest.restore("a", true), "2026-12-03T06:00:00Z", null, null);
        assertThat(RestoreGate.waitFor(mine, List.of(mine, older), List.of()))
                .contains("Waiting for DiscourseRestore a, which came first");
        older.setStatus(status(RestorePhase.RESTORING, true));
        assertThat(RestoreGate.waitFor(mine, List.of(mine, older), List.of()))
                .contains("Waiting for DiscourseRestore a of forum to end: one restore at a time");
        older.setStatus(status(RestorePhase.FAILED, true));
        assertThat(RestoreGate.waitFor(mine, List.of(mine, older), List.of()))
                .as("a failed restore holding the forum is gone on from with a new one").isEmpty();
        older.setStatus(status(RestorePhase.FAILED, false));
        assertThat(RestoreGate.waitFor(mine, List.of(mine, older), List.of())).isEmpty();
        assertThat(RestoreGate.waitFor(mine, List.of(mine), List.of(job("backup", false))))
                .contains("Waiting for backup Job j to end");
        assertThat(RestoreGate.waitFor(mine, List.of(mine), List.of(job("migration", true)))).isEmpty();
        assertThat(RestoreGate.runningJob(List.of(job("backup-prune", false)))).contains("Waiting for backup-prune Job j to end");
    }

    @Test
    void theForumIsHeldFromStoppingUntilStartingAndAfterAFailureOnlyWhenSaid() {
        DiscourseRestore r = RestoreJobsTest.restore("r", true);
        var checking = RestoreStatuses.step(r, RestorePhase.CHECKING, "a.tar.gz", "local", "j", "m", clock);
        assertThat(checking.getHoldsForum()).isFalse();
        assertThat(checking.getStartedAt()).isNull();
        r.setStatus(checking);
        var stopping = RestoreStatuses.step(r, RestorePhase.STOPPING, "a.tar.gz", "local", "j", "m", clock);
        assertThat(stopping.getHoldsForum()).isTrue();
        assertThat(stopping.getStartedAt()).isEqualTo("2026-12-03T08:00:00Z");
        r.setStatus(stopping);
        assertThat(RestoreStatuses.step(r, RestorePhase.MIGRATING, "a.tar.gz", "local", "j", "m", clock).getHoldsForum())
                .isTrue();
        assertThat(RestoreStatuses.step(r, RestorePhase.STARTING, "a.tar.gz", "local", "j", "m", clock).getHoldsForum())
                .isFalse();
        var failed = RestoreStatuses.failed(r, "RestoreFailed", "why", "state", true, clock);
        assertThat(failed.getHoldsForum()).isTrue();
        assertThat(failed.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Failed");
            assertThat(c.getReason()).isEqualTo("RestoreFailed");
        });
        assertThat(failed.getDatabaseState()).isEqualTo("state");
        assertThat(RestoreStatuses.succeeded(r, "ok", clock).getHoldsForum()).isFalse();
    }

    @Test
    void aHoldingRestoreStopsTheWorkloadAndEveryMigrationStep() {
        MigrationPlan upgrade = new MigrationPlan(InstancePhase.Migrating, "discourse:old", false,
                Optional.of(MigrationStep.PRE), List.of("stale-job"), new MigrationStatus("pre", "Running", null), null,
                "3.5.0", "Executing migrations");
        DiscourseRestore r = RestoreJobsTest.restore("r", true);
        r.setStatus(status(RestorePhase.RESTORING, true));
        DiscourseRestore released = RestoreJobsTest.restore("s", true);
        released.setStatus(status(RestorePhase.FAILED, false));

        assertThat(RestoreHold.holding(Stream.of(released))).isEmpty();
        assertThat(RestoreHold.holding(Stream.of(released, r))).contains(r);
        MigrationPlan held = RestoreHold.apply(upgrade, r, "discourse:live");
        assertThat(held.holdAtZero()).isTrue();
        assertThat(held.phase()).isEqualTo(InstancePhase.Restoring);
        assertThat(held.start()).isEmpty();
        assertThat(held.delete()).isEmpty();
        assertThat(held.workloadImage()).isEqualTo("discourse:live");
        assertThat(held.message()).startsWith("Held at zero replicas by DiscourseRestore r (RESTORING)");
    }

    private static DiscourseBackup backup(BackupPhase phase) {
        DiscourseBackup b = new DiscourseBackup();
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        b.setSpec(spec);
        DiscourseBackupStatus status = new DiscourseBackupStatus();
        status.setPhase(phase);
        status.setArchive("n-v1.tar.gz");
        status.setLocation("s3");
        b.setStatus(status);
        return b;
    }

    private static DiscourseRestore at(DiscourseRestore r, String created, RestorePhase phase, Boolean holds) {
        r.getMetadata().setCreationTimestamp(created);
        if (phase != null) {
            r.setStatus(status(phase, holds));
        }
        return r;
    }

    private static DiscourseRestoreStatus status(RestorePhase phase, Boolean holds) {
        DiscourseRestoreStatus s = new DiscourseRestoreStatus();
        s.setPhase(phase);
        s.setHoldsForum(holds);
        return s;
    }

    private static Job job(String component, boolean finished) {
        var b = new JobBuilder().withNewMetadata().withName("j").addToLabels("app.kubernetes.io/component", component)
                .endMetadata().withNewStatus().withActive(finished ? 0 : 1).endStatus();
        if (finished) {
            b.editStatus().withSucceeded(1).addNewCondition().withType("Complete").withStatus("True").endCondition()
                    .endStatus();
        }
        return b.build();
    }

    @Test
    void aFailedRestoreIsToldByItsExceptionLineNotByItsCleanUp() {
        assertThat(RestoreOutput.reason("Restoring dump file...\nEXCEPTION: psql failed: ERROR: relation exists\n"
                + "/var/www/discourse/lib/backup_restore.rb:12:in `x'\nTrying to rollback...\nCleaning stuff up...\n"
                + "[FAILED]\n")).isEqualTo("EXCEPTION: psql failed: ERROR: relation exists");
        assertThat(RestoreOutput.reason("restore: no archive x.tar.gz in the s3 backup store\n"))
                .isEqualTo("restore: no archive x.tar.gz in the s3 backup store");
        assertThat(RestoreOutput.reason("just this\n")).isEqualTo("just this");
        assertThat(RestoreOutput.reason(null)).isEqualTo("no message");
    }
}
