package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSchedule;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupScheduleSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.backup.BackupJob;
import dev.operator.discourse.backup.schedule.PruneJob;
import dev.operator.discourse.backup.schedule.ScheduledBackups;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DiscourseBackupSchedule against a real kube-apiserver and controller manager. A schedule decides from its
 * creation time and lastScheduleTime only, so the tests that need a due run use an every-minute schedule and
 * wait for the next minute; the retention tests make the schedule's backups themselves, labelled as it labels
 * them, under a suspended schedule, and play their Jobs' ends as BackupsIT does.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class BackupSchedulesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    /** The next minute, plus the time to see its backup. */
    private static final Duration A_MINUTE = Duration.ofSeconds(60).plus(TIMEOUT);
    private static final String REPORT = "archive=%s-v20250801000000.tar.gz\nsize=5242880\nlocation=local\nversion=3.5.2\n";

    KubernetesClient client;
    TestNamespace namespace;
    String ns;

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-schedule-");
        ns = namespace.name;
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void aDueRunMakesOneBackupAndTheNextWaitsUntilItEnds() throws Exception {
        instanceWithReadyPod();
        DiscourseBackupSchedule created = schedule("nightly", "* * * * *", false, 5, s -> s.setWithUploads(false));

        DiscourseBackup first = await().atMost(A_MINUTE).until(() -> backupsOf("nightly"), b -> !b.isEmpty()).get(0);
        Instant at = ScheduledBackups.scheduledAt(first).orElseThrow();
        assertThat(at).isAfter(Instant.parse(created.getMetadata().getCreationTimestamp()));
        assertThat(first.getMetadata().getName()).isEqualTo(ScheduledBackups.name("nightly", at));
        assertThat(first.getMetadata().getOwnerReferences()).as("deleting the schedule leaves its backups").isEmpty();
        assertThat(first.getSpec().isWithUploads()).isFalse();
        assertThat(first.getSpec().instanceName()).isEqualTo("forum");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var status = getSchedule("nightly").getStatus();
            assertThat(status.getLastScheduleTime()).isEqualTo(at.toString());
            assertThat(status.getLastBackup()).isEqualTo(first.getMetadata().getName());
            assertThat(status.getNextScheduleTime()).isEqualTo(at.plusSeconds(60).toString());
        });
        Job job = awaitBackupJob(first.getMetadata().getName());

        // its next minute passes while the first still runs: nothing more, as a CronJob's Forbid
        await().atMost(A_MINUTE).until(() -> Instant.now().isAfter(at.plusSeconds(65)));
        assertThat(backupsOf("nightly")).hasSize(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getSchedule("nightly").getStatus().getMessage())
                .startsWith("Waiting for DiscourseBackup " + first.getMetadata().getName() + " to end"));

        // its end brings the missed run
        SimulatedPods.finish(client, job, true, REPORT.formatted(job.getMetadata().getName()));
        await().atMost(TIMEOUT).until(() -> backupsOf("nightly").size() == 2);
        assertThat(eventReasons("nightly")).contains("BackupCreated");
    }

    @Test
    void aBackupAlreadyMadeForTheTimeIsNotMadeAgainAHandMadeOneIsNotTakenAndASuspendedScheduleMakesNone() {
        instanceWithReadyPod();
        Instant next = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
        // as an operator leaves it that crashed between making the backup and recording its time
        DiscourseBackup before = labelledBackup("nightly", next);
        // made by hand under the name the other schedule's next backup would have: not taken for its run
        DiscourseBackup byHand = new DiscourseBackup();
        byHand.setMetadata(new ObjectMetaBuilder().withName(ScheduledBackups.name("taken", next)).withNamespace(ns).build());
        byHand.setSpec(new DiscourseBackupSpec());
        byHand.getSpec().setInstanceRef(new InstanceRef("forum"));
        client.resource(byHand).create();
        schedule("taken", "* * * * *", false, 5, s -> { });
        schedule("paused", "* * * * *", true, 5, s -> { });
        schedule("nightly", "* * * * *", false, 5, s -> { });

        await().atMost(A_MINUTE.plusSeconds(15)).untilAsserted(() -> assertThat(getSchedule("nightly").getStatus())
                .isNotNull().satisfies(s -> assertThat(s.getLastScheduleTime()).isEqualTo(next.toString())));
        assertThat(backupsOf("nightly")).singleElement()
                .satisfies(b -> assertThat(b.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid()));
        assertThat(getSchedule("nightly").getStatus().getLastBackup()).isEqualTo(before.getMetadata().getName());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ready(getSchedule("taken"))).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("BackupNameTaken");
        }));
        assertThat(backupsOf("taken")).isEmpty();
        assertThat(getSchedule("taken").getStatus().getLastScheduleTime()).isNull();

        assertThat(backupsOf("paused")).isEmpty();
        DiscourseBackupSchedule paused = getSchedule("paused");
        assertThat(ready(paused)).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Suspended");
        });
        assertThat(paused.getStatus().getNextScheduleTime()).isNull();
        assertThat(paused.getStatus().getLastScheduleTime()).isNull();
    }

    @Test
    void anInvalidScheduleOrTimeZoneSaysWhyAndMakesNoBackup() throws Exception {
        schedule("typo", "61 * * * *", false, 5, s -> { });
        schedule("mars", "* * * * *", false, 5, s -> s.setTimeZone("Mars/Olympus"));

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ready(getSchedule("typo"))).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSchedule");
            assertThat(c.getMessage()).startsWith("spec.schedule '61 * * * *' is not a cron schedule");
        }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ready(getSchedule("mars"))).get()
                .satisfies(c -> assertThat(c.getMessage()).contains("'Mars/Olympus' is not an IANA time zone")));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("typo")).containsExactly("InvalidSchedule"));
        assertThat(getSchedule("typo").getStatus().getNextScheduleTime()).isNull();
        Thread.sleep(2000);
        assertThat(eventReasons("typo")).as("said once, not retried").hasSize(1);
        assertThat(client.resources(DiscourseBackup.class).inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void retentionDeletesTheOlderArchiveInAJobThenItsBackup() {
        instanceWithReadyPod();
        DiscourseBackup[] two = twoSucceededBackupsKeepingOne();
        DiscourseBackup older = two[0];
        DiscourseBackup newer = two[1];

        Job prune = awaitPruneJob(older);
        var container = prune.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(container.getEnv(), PruneJob.ARCHIVE_ENV)).isEqualTo(older.getStatus().getArchive());
        assertThat(env(container.getEnv(), PruneJob.LOCATION_ENV)).isEqualTo("local");
        assertThat(container.getCommand().get(2)).contains("bin/rails runner \"$BACKUP_PRUNE\"");
        assertThat(prune.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo(older.getMetadata().getName()));
        assertThat(pruneJobs()).hasSize(1);

        SimulatedPods.finish(client, prune, true, "deleted=" + older.getStatus().getArchive() + "\nlocation=local\n");
        await().atMost(TIMEOUT).until(() -> getBackup(older.getMetadata().getName()) == null);
        assertThat(getBackup(newer.getMetadata().getName())).isNotNull();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("nightly")).contains("Pruning", "Pruned"));
    }

    @Test
    void aFailedPruneLeavesTheBackupAndSaysWhy() throws Exception {
        instanceWithReadyPod();
        DiscourseBackup older = twoSucceededBackupsKeepingOne()[0];

        Job prune = awaitPruneJob(older);
        SimulatedPods.finish(client, prune, false, "prune: Aws::S3::Errors::AccessDenied: Access Denied\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ready(getSchedule("nightly"))).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("PruneFailed");
            assertThat(c.getMessage()).contains(prune.getMetadata().getName(), "AccessDenied", "the backup stays");
        }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("nightly")).contains("PruneFailed"));
        Thread.sleep(3000);
        assertThat(getBackup(older.getMetadata().getName())).isNotNull();
        assertThat(pruneJobs()).hasSize(1);
        assertThat(eventReasons("nightly")).filteredOn("PruneFailed"::equals).hasSize(1);
    }

    // --- fixtures -------------------------------------------------------------------------------------

    /** Two succeeded backups of a suspended schedule that keeps one: the older, by scheduled time, goes. */
    private DiscourseBackup[] twoSucceededBackupsKeepingOne() {
        schedule("nightly", "0 3 * * *", true, 1, s -> { });
        DiscourseBackup older = labelledBackup("nightly", Instant.parse("2026-01-01T03:00:00Z"));
        DiscourseBackup newer = labelledBackup("nightly", Instant.parse("2026-01-02T03:00:00Z"));
        for (DiscourseBackup b : List.of(older, newer)) {
            Job job = awaitBackupJob(b.getMetadata().getName());
            SimulatedPods.finish(client, job, true, REPORT.formatted(job.getMetadata().getName()));
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBackup(b.getMetadata().getName()).getStatus())
                    .isNotNull().satisfies(s -> assertThat(s.getPhase()).isEqualTo(BackupPhase.SUCCEEDED)));
        }
        return new DiscourseBackup[] { getBackup(older.getMetadata().getName()), getBackup(newer.getMetadata().getName()) };
    }

    private void instanceWithReadyPod() {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        client.resource(instance).create();
        UncheckedRelations.create(client, ns, "forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(ns).withName("forum-0").get())
                .isNotNull().satisfies(p -> assertThat(SimulatedPods.ready(p)).isTrue()));
    }

    private DiscourseBackupSchedule schedule(String name, String cron, boolean suspend, int keep,
            java.util.function.Consumer<DiscourseBackupScheduleSpec> edit) {
        DiscourseBackupSchedule schedule = new DiscourseBackupSchedule();
        schedule.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DiscourseBackupScheduleSpec spec = new DiscourseBackupScheduleSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setSchedule(cron);
        spec.setSuspend(suspend);
        spec.setKeep(keep);
        edit.accept(spec);
        schedule.setSpec(spec);
        return client.resource(schedule).create();
    }

    /** A backup as the schedule makes it for that time. */
    private DiscourseBackup labelledBackup(String schedule, Instant at) {
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName(ScheduledBackups.name(schedule, at)).withNamespace(ns)
                .withLabels(Map.of(ScheduledBackups.LABEL_SCHEDULE, schedule))
                .withAnnotations(Map.of(ScheduledBackups.ANNOTATION_SCHEDULED, at.toString())).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        backup.setSpec(spec);
        return client.resource(backup).create();
    }

    private DiscourseBackupSchedule getSchedule(String name) {
        return client.resources(DiscourseBackupSchedule.class).inNamespace(ns).withName(name).get();
    }

    private DiscourseBackup getBackup(String name) {
        return client.resources(DiscourseBackup.class).inNamespace(ns).withName(name).get();
    }

    private List<DiscourseBackup> backupsOf(String schedule) {
        return client.resources(DiscourseBackup.class).inNamespace(ns).withLabel(ScheduledBackups.LABEL_SCHEDULE, schedule)
                .list().getItems();
    }

    private Job awaitBackupJob(String backup) {
        return await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns)
                .withLabel("app.kubernetes.io/component", BackupJob.COMPONENT).withLabel(BackupJob.LABEL_BACKUP, backup)
                .list().getItems().stream().findFirst().orElse(null), j -> j != null);
    }

    private List<Job> pruneJobs() {
        return client.batch().v1().jobs().inNamespace(ns).withLabel("app.kubernetes.io/component", PruneJob.COMPONENT)
                .list().getItems();
    }

    private Job awaitPruneJob(DiscourseBackup backup) {
        return await().atMost(TIMEOUT).until(() -> pruneJobs().stream()
                .filter(j -> backup.getMetadata().getName().equals(j.getMetadata().getLabels().get(BackupJob.LABEL_BACKUP)))
                .findFirst().orElse(null), j -> j != null);
    }

    private static String env(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).findFirst().map(EnvVar::getValue).orElse(null);
    }

    private static Optional<Condition> ready(DiscourseBackupSchedule schedule) {
        return schedule.getStatus() == null ? Optional.empty()
                : schedule.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    private List<String> eventReasons(String name) {
        return OperatorEvents.in(client, ns).stream().filter(e -> name.equals(e.getInvolvedObject().getName()))
                .filter(e -> "DiscourseBackupSchedule".equals(e.getInvolvedObject().getKind()))
                .map(Event::getReason).toList();
    }
}
