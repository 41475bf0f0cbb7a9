package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.backup.BackupJob;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DiscourseBackup against a real kube-apiserver and controller manager: the Job controller makes each backup's pod
 * and kwok runs it; the test says how Discourse's backup in it ended, in the report the Job's script writes as its
 * termination message (or the log's tail a failure leaves).
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class BackupsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String REPORT = "archive=%s-v20250801000000.tar.gz\nsize=5242880\nlocation=local\nversion=3.5.2\n";

    KubernetesClient client;
    TestNamespace namespace;
    String ns;

    @BeforeEach
    void namespace() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-backup-");
        ns = namespace.name;
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void aBackupRunsOnceInAJobWithTheUploadsAndReportsItsArchive() throws Exception {
        instanceWithReadyPod();
        backup("nightly");

        Job job = awaitJob("nightly");
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim()).isNotNull());
        assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/srv/discourse/app/public/backups", "/srv/discourse/app/public/uploads");
        assertThat(pod.getContainers().get(0).getCommand().get(2)).contains("script/discourse backup \"$BACKUP_BASENAME\"");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind()).isEqualTo("DiscourseBackup"));
        assertThat(get("nightly").getStatus().getPhase()).isEqualTo(BackupPhase.RUNNING);
        assertThat(get("nightly").getStatus().getJob()).isEqualTo(job.getMetadata().getName());

        SimulatedPods.finish(client, job, true, REPORT.formatted(job.getMetadata().getName()));
        DiscourseBackup done = awaitPhase("nightly", BackupPhase.SUCCEEDED);
        assertThat(done.getStatus().getArchive()).isEqualTo(job.getMetadata().getName() + "-v20250801000000.tar.gz");
        assertThat(done.getStatus().getSizeBytes()).isEqualTo(5242880L);
        assertThat(done.getStatus().getLocation()).isEqualTo("local");
        assertThat(done.getStatus().getDiscourseVersion()).isEqualTo("3.5.2");
        assertThat(done.getStatus().getStartedAt()).isNotNull();
        assertThat(done.getStatus().getCompletedAt()).isNotNull();
        assertThat(condition(done, "Complete")).get().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("nightly")).contains("Started", "Succeeded"));
        Thread.sleep(3000);
        assertThat(backupJobs()).hasSize(1);
    }

    @Test
    void aSecondBackupOfTheSameForumWaitsForTheFirst() {
        instanceWithReadyPod();
        backup("first");
        Job first = awaitJob("first");
        backup("second");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("second").getStatus()).isNotNull()
                .satisfies(s -> assertThat(s.getMessage()).isEqualTo("Waiting for DiscourseBackup first of forum to end: "
                        + "one backup at a time")));
        assertThat(backupJobs()).hasSize(1);

        SimulatedPods.finish(client, first, true, REPORT.formatted(first.getMetadata().getName()));
        awaitPhase("first", BackupPhase.SUCCEEDED);
        Job second = awaitJob("second");
        SimulatedPods.finish(client, second, true, REPORT.formatted(second.getMetadata().getName()));
        awaitPhase("second", BackupPhase.SUCCEEDED);
    }

    @Test
    void aFailedBackupSaysWhyWithTheEndOfItsLogAndIsNotRetried() throws Exception {
        instanceWithReadyPod();
        backup("nightly");
        SimulatedPods.finish(client, awaitJob("nightly"), false,
                "Starting backup...\npg_dump: error: connection to server failed: Connection refused\n");

        DiscourseBackup failed = awaitPhase("nightly", BackupPhase.FAILED);
        assertThat(failed.getStatus().getMessage()).contains("pg_dump: error: connection to server failed")
                .contains("the forum was not touched");
        assertThat(condition(failed, "Failed")).get().extracting(Condition::getReason).isEqualTo("BackupFailed");
        assertThat(failed.getStatus().getArchive()).isNull();
        Thread.sleep(3000);
        assertThat(backupJobs()).hasSize(1);
    }

    @Test
    void aBackupWaitsForItsForum() {
        backup("nightly");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("nightly"), "Complete")).get().satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("InstanceNotFound");
            assertThat(c.getMessage()).isEqualTo("DiscourseInstance forum not found in " + ns);
        }));
        assertThat(get("nightly").getStatus().getPhase()).isEqualTo(BackupPhase.PENDING);
        assertThat(backupJobs()).isEmpty();

        instanceWithReadyPod();
        Job job = awaitJob("nightly");
        SimulatedPods.finish(client, job, true, REPORT.formatted(job.getMetadata().getName()));
        awaitPhase("nightly", BackupPhase.SUCCEEDED);
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private void instanceWithReadyPod() {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        client.resource(instance).create();
        UncheckedRelations.create(client, ns, "forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(ns).withName("forum-0").get())
                .isNotNull().satisfies(p -> assertThat(SimulatedPods.ready(p)).isTrue()));
    }

    private DiscourseBackup backup(String name) {
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        backup.setSpec(spec);
        return client.resource(backup).create();
    }

    private DiscourseBackup get(String name) {
        return client.resources(DiscourseBackup.class).inNamespace(ns).withName(name).get();
    }

    private List<Job> backupJobs() {
        return client.batch().v1().jobs().inNamespace(ns).withLabel("app.kubernetes.io/component", BackupJob.COMPONENT)
                .list().getItems();
    }

    private Job awaitJob(String backup) {
        return await().atMost(TIMEOUT).until(() -> backupJobs().stream()
                .filter(j -> backup.equals(j.getMetadata().getLabels().get(BackupJob.LABEL_BACKUP))).findFirst().orElse(null),
                j -> j != null);
    }

    private DiscourseBackup awaitPhase(String name, BackupPhase phase) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(name).getStatus()).isNotNull()
                .satisfies(s -> assertThat(s.getPhase()).as(s.getMessage()).isEqualTo(phase)));
        return get(name);
    }

    private static Optional<Condition> condition(DiscourseBackup backup, String type) {
        return backup.getStatus() == null ? Optional.empty()
                : backup.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private List<String> eventReasons(String backup) {
        return OperatorEvents.in(client, ns).stream().filter(e -> backup.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason).toList();
    }
}
