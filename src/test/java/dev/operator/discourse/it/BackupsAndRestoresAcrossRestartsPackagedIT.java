package dev.operator.discourse.it;

import static dev.operator.discourse.it.MigrationWorld.TIMEOUT;
import static dev.operator.discourse.it.MigrationWorld.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreSpec;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RestorePhase;
import dev.operator.discourse.backup.BackupJob;
import dev.operator.discourse.restore.RestoreJobs;
import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.OperatorProcess;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The packaged operator killed in each step of a restore that runs a Job (and while a backup's Job runs), the Job
 * ending while no operator runs, and a new process going on from the status and the Jobs: no step runs twice, the
 * forum stays down across the restarts while the restore holds it, and comes back at the end.
 */
@RequiresKubeApiServer
class BackupsAndRestoresAcrossRestartsPackagedIT {

    private static final String ARCHIVE = "forum-2026-12-01-033000-v20251120000000.tar.gz";

    static KubeApiServer server;
    KubernetesClient client;
    MigrationWorld world;
    OperatorProcess operator;

    @BeforeAll
    static void crds() {
        server = KubeApiServer.shared();
        Crds.applyGenerated(server.client());
    }

    @BeforeEach
    void start() {
        client = server.client();
        world = MigrationWorld.withReadyRelations(client, "it-restore-restart-");
        operator = OperatorProcess.start(server, "operator-restore-" + world.ns + "-1");
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        world.delete();
    }

    @Test
    void aRestoreSurvivesACrashInEveryStepThatRunsAJob() {
        servingForum();
        restore();

        Job check = awaitJob("check");
        restartWhile(() -> SimulatedPods.finish(client, check, true, "archive=" + ARCHIVE + "\nlocation=local\n"), 2);
        Job restoreJob = awaitJob("restore");
        assertThat(world.sts().getSpec().getReplicas()).isZero();

        // down while Discourse restores: the new process keeps the forum at zero from the restore's status alone
        restartWhile(() -> SimulatedPods.finish(client, restoreJob, true, "restored " + ARCHIVE), 3);
        Job migrate = awaitJob("migrate");
        assertThat(world.sts().getSpec().getReplicas()).isZero();
        world.awaitStatus(InstancePhase.Restoring, "Ready", "False", "Restoring");

        restartWhile(() -> SimulatedPods.finish(client, migrate, true, "3.5.1\n"), 4);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        world.rolledOut();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(restore().getStatus().getPhase())
                .isEqualTo(RestorePhase.SUCCEEDED));

        for (var step : List.of(check, restoreJob, migrate)) {
            String label = step.getMetadata().getLabels().get(RestoreJobs.LABEL_STEP);
            assertThat(jobs(label)).as("the %s Job is used, not run again", label).singleElement()
                    .extracting(j -> j.getMetadata().getUid()).isEqualTo(step.getMetadata().getUid());
        }
    }

    @Test
    void aBackupWhoseJobEndsWhileTheOperatorIsDownIsReadNotRunAgain() {
        servingForum();
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName("nightly").withNamespace(world.ns).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        backup.setSpec(spec);
        client.resource(backup).create();
        Job job = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(world.ns)
                .withLabel(BackupJob.LABEL_BACKUP, "nightly").list().getItems().stream().findFirst().orElse(null),
                j -> j != null);

        restartWhile(() -> SimulatedPods.finish(client, job, true, "archive=nightly-v20251120000000.tar.gz\nsize=7\n"
                + "location=local\nversion=3.5.1\n"), 2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.resources(DiscourseBackup.class)
                .inNamespace(world.ns).withName("nightly").get().getStatus().getPhase()).isEqualTo(BackupPhase.SUCCEEDED));
        assertThat(client.batch().v1().jobs().inNamespace(world.ns).withLabel(BackupJob.LABEL_BACKUP, "nightly").list()
                .getItems()).singleElement().extracting(j -> j.getMetadata().getUid()).isEqualTo(job.getMetadata().getUid());
    }

    private void servingForum() {
        world.createInstance(V1);
        SimulatedPods.finish(client, world.awaitJob("pre", V1), true, "3.5.1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        world.rolledOut();
        SimulatedPods.finish(client, world.awaitJob("post", V1), true, "3.5.1");
        world.awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
    }

    private DiscourseRestore restore() {
        var existing = client.resources(DiscourseRestore.class).inNamespace(world.ns).withName("back").get();
        if (existing != null) {
            return existing;
        }
        DiscourseRestore restore = new DiscourseRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName("back").withNamespace(world.ns).build());
        DiscourseRestoreSpec spec = new DiscourseRestoreSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setConfirmInstanceName("forum");
        spec.setArchive(ARCHIVE);
        restore.setSpec(spec);
        return client.resource(restore).create();
    }

    private List<Job> jobs(String step) {
        return client.batch().v1().jobs().inNamespace(world.ns).withLabel(RestoreJobs.LABEL_STEP, step).list().getItems();
    }

    private Job awaitJob(String step) {
        return await().atMost(TIMEOUT).until(() -> jobs(step).stream().findFirst().orElse(null), j -> j != null);
    }

    private void restartWhile(Runnable meanwhile, int generation) {
        operator.kill();
        meanwhile.run();
        operator = OperatorProcess.start(server, "operator-restore-" + world.ns + "-" + generation);
    }
}
