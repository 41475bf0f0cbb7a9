package dev.operator.discourse.it;

import static dev.operator.discourse.it.MigrationWorld.TIMEOUT;
import static dev.operator.discourse.it.MigrationWorld.V1;
import static dev.operator.discourse.it.MigrationWorld.V2;
import static dev.operator.discourse.it.MigrationWorld.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.OperatorProcess;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The operator process killed in the middle of each migration phase, the world moving on while it is down, and a
 * new process carrying on from what it finds: no migration Job is run twice, none is skipped, and the instance
 * ends Ready. The packaged jar runs as its own JVM (Failsafe runs this after {@code package}), so nothing of the
 * first process survives in memory.
 */
@RequiresKubeApiServer
class MigrationsAcrossRestartsPackagedIT {

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
        world = MigrationWorld.withReadyRelations(client, "it-restart-");
        operator = OperatorProcess.start(server, "operator-restart-" + world.ns + "-1");
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        world.delete();
    }

    @Test
    void aFirstInstallSurvivesACrashInEveryPhase() {
        world.createInstance(V2);
        Job pre = world.awaitJob("pre");
        world.awaitStatus(InstancePhase.Migrating, "Ready", "False", "Migrating");

        // Down while the pre-deployment migrations run; they finish meanwhile.
        restartWhile(() -> SimulatedPods.finish(client, pre, true, "3.5.2\n"), 2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        world.awaitStatus(InstancePhase.RollingOut, "Progressing", "True", "RollingOut");
        assertThat(world.jobs("pre")).as("the finished Job is used, not run again").singleElement()
                .extracting(j -> j.getMetadata().getUid()).isEqualTo(pre.getMetadata().getUid());

        // Down while the StatefulSet rolls out; the pods come up meanwhile.
        restartWhile(world::rolledOut, 3);
        Job post = world.awaitJob("post");
        world.awaitStatus(InstancePhase.PostMigrating, "Progressing", "True", "PostMigrating");

        // Down while the post-deployment migrations run; they finish meanwhile.
        restartWhile(() -> SimulatedPods.finish(client, post, true, "3.5.2\n"), 4);
        world.awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
        assertThat(world.instance().getStatus().getDiscourseVersion()).isEqualTo("3.5.2");
        assertThat(world.jobs("post")).singleElement().extracting(j -> j.getMetadata().getUid())
                .isEqualTo(post.getMetadata().getUid());
    }

    @Test
    void aCrashBeforeAnUpgradeMigrationFinishesNeitherRepeatsNorSkipsIt() {
        world.createInstance(V1);
        SimulatedPods.finish(client, world.awaitJob("pre", V1), true, "3.5.1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        world.rolledOut();
        SimulatedPods.finish(client, world.awaitJob("post", V1), true, "3.5.1");
        world.awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");

        world.setImage(V2);
        Job pre = world.awaitJob("pre", V2);
        // Down with the upgrade's Job still running: after the restart the old pods keep serving and the same
        // Job is waited for, not replaced.
        restartWhile(() -> { }, 2);
        world.awaitStatus(InstancePhase.Migrating, "Progressing", "True", "Migrating");
        assertThat(image(world.sts())).isEqualTo(V1);
        assertThat(world.job(pre.getMetadata().getName()).getMetadata().getUid()).isEqualTo(pre.getMetadata().getUid());

        SimulatedPods.finish(client, pre, true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(world.sts())).isEqualTo(V2));
        List<Job> preJobs = world.jobs("pre");
        assertThat(preJobs).extracting(j -> j.getMetadata().getUid()).contains(pre.getMetadata().getUid())
                .doesNotHaveDuplicates();
    }

    /** Kills the operator, lets the world change while nothing watches, then starts a new process. */
    private void restartWhile(Runnable meanwhile, int generation) {
        operator.kill();
        meanwhile.run();
        operator = OperatorProcess.start(server, "operator-restart-" + world.ns + "-" + generation);
    }
}
