package dev.operator.discourse.instance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupStatus;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** spec.upgrade.backupFirst and running backups, as the migration planner weighs them. */
class PreUpgradeBackupTest {

    static final String OLD = MigrationPlannerTest.OLD;
    static final String NEW = MigrationPlannerTest.NEW;

    final MigrationPlannerTest world = new MigrationPlannerTest();
    final List<DiscourseBackup> backups = new ArrayList<>();

    MigrationPlan plan(StatefulSet live) {
        return MigrationPlanner.plan(world.instance, true, Optional.of(live), Optional.empty(), world.jobs, world.pods,
                backups, Instant.parse("2026-12-03T08:00:00Z"));
    }

    DiscourseBackup backup(String name, BackupPhase phase, String message) {
        DiscourseBackup b = PreUpgradeBackup.build(world.instance, NEW);
        b.getMetadata().setName(name);
        if (phase != null) {
            DiscourseBackupStatus status = new DiscourseBackupStatus();
            status.setPhase(phase);
            status.setMessage(message);
            b.setStatus(status);
        }
        backups.add(b);
        return b;
    }

    @Test
    void anUpgradeTakesItsBackupFirstAndWaitsForItWithTheOldPodsServing() {
        world.instance.getSpec().getUpgrade().setBackupFirst(true);
        StatefulSet live = world.live(OLD, 2, true);
        String name = PreUpgradeBackup.name("forum", NEW);

        MigrationPlan take = plan(live);
        assertThat(take.takeBackup()).contains(name);
        assertThat(take.start()).isEmpty();
        assertThat(take.holdAtZero()).isFalse();
        assertThat(take.workloadImage()).isEqualTo(OLD);
        assertThat(take.phase()).isEqualTo(InstancePhase.Migrating);
        assertThat(take.message()).isEqualTo("Taking DiscourseBackup " + name + " before upgrading to " + NEW);

        backup(name, BackupPhase.RUNNING, "Running in Job x");
        MigrationPlan waiting = plan(live);
        assertThat(waiting.takeBackup()).isEmpty();
        assertThat(waiting.start()).isEmpty();
        assertThat(waiting.message()).startsWith("Waiting for DiscourseBackup " + name);

        backups.get(0).getStatus().setPhase(BackupPhase.SUCCEEDED);
        assertThat(plan(live).start()).contains(MigrationStep.PRE);
    }

    @Test
    void aFailedBackupStopsTheUpgradeWithItsOwnReason() {
        world.instance.getSpec().getUpgrade().setBackupFirst(true);
        StatefulSet live = world.live(OLD, 2, true);
        backup(PreUpgradeBackup.name("forum", NEW), BackupPhase.FAILED, "Job x failed: pg_dump: error");

        MigrationPlan stopped = plan(live);
        assertThat(stopped.start()).isEmpty();
        assertThat(stopped.failed()).isTrue();
        assertThat(stopped.failureReason()).isEqualTo("UpgradeBackupFailed");
        assertThat(stopped.holdAtZero()).isFalse();
        assertThat(stopped.workloadImage()).isEqualTo(OLD);
        assertThat(stopped.message()).contains("pg_dump: error").contains("old pods keep serving");
    }

    @Test
    void aFirstInstallAndAnUpgradeWhoseMigrationsStartedTakeNoBackup() {
        world.instance.getSpec().getUpgrade().setBackupFirst(true);
        assertThat(plan(world.live(NEW, 0, false)).start()).as("first install").contains(MigrationStep.PRE);
        StatefulSet live = world.live(OLD, 2, true);
        world.job(live, MigrationStep.PRE, NEW, "running");
        assertThat(plan(live).takeBackup()).as("a restarted upgrade whose backup was deleted meanwhile").isEmpty();
    }

    @Test
    void withoutBackupFirstAnUpgradeStartsAtOnce() {
        assertThat(plan(world.live(OLD, 2, true)).start()).contains(MigrationStep.PRE);
    }

    @Test
    void noMigrationStartsBesideARunningBackupOfTheForum() {
        backup("nightly", BackupPhase.RUNNING, "Running");
        MigrationPlan plan = plan(world.live(OLD, 2, true));
        assertThat(plan.start()).isEmpty();
        assertThat(plan.message()).isEqualTo("Waiting for DiscourseBackup nightly to end before pre-deployment migrations");
        backups.get(0).getStatus().setPhase(BackupPhase.SUCCEEDED);
        assertThat(plan(world.live(OLD, 2, true)).start()).contains(MigrationStep.PRE);
    }

    @Test
    void theBackupIsNamedForTheInstanceAndImageWithinTheLimit() {
        assertThat(PreUpgradeBackup.name("forum", NEW)).isEqualTo(PreUpgradeBackup.name("forum", NEW))
                .isNotEqualTo(PreUpgradeBackup.name("forum", OLD)).startsWith("forum-pre-upgrade-");
        assertThat(PreUpgradeBackup.name("f".repeat(80), NEW)).hasSizeLessThanOrEqualTo(63);
        world.instance.getSpec().getUpgrade().setBackupWithUploads(false);
        DiscourseBackup b = PreUpgradeBackup.build(world.instance, NEW);
        assertThat(b.getSpec().instanceName()).isEqualTo("forum");
        assertThat(b.getSpec().isWithUploads()).isFalse();
        assertThat(b.getMetadata().getOwnerReferences()).isNullOrEmpty();
    }
}
