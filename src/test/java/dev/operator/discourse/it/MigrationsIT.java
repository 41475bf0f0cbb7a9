package dev.operator.discourse.it;

import static dev.operator.discourse.it.MigrationWorld.TIMEOUT;
import static dev.operator.discourse.it.MigrationWorld.V1;
import static dev.operator.discourse.it.MigrationWorld.V2;
import static dev.operator.discourse.it.MigrationWorld.V3;
import static dev.operator.discourse.it.MigrationWorld.env;
import static dev.operator.discourse.it.MigrationWorld.envNames;
import static dev.operator.discourse.it.MigrationWorld.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.backup.BackupJob;
import dev.operator.discourse.instance.migration.PreUpgradeBackup;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The migration sequence against a real kube-apiserver, with the operator running in the test's application.
 * How the sequence survives a restart of the operator process is {@link MigrationsAcrossRestartsPackagedIT}.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class MigrationsIT {

    KubernetesClient client;
    String ns;
    MigrationWorld world;

    @BeforeEach
    void namespaceWithRelations() {
        client = KubeApiServerResource.client();
        world = MigrationWorld.withReadyRelations(client, "it-mig-");
        ns = world.ns;
    }

    @AfterEach
    void cleanup() {
        world.delete();
    }

    @Test
    void aFirstInstallMigratesBeforeAnyPodThenRollsOutThenRunsPostMigrations() {
        world.createInstance(V2);
        Job pre = world.awaitJob("pre");
        assertThat(env(pre, "SKIP_POST_DEPLOYMENT_MIGRATIONS")).isEqualTo("1");
        assertThat(envNames(pre)).as("the relations' settings come along").contains("DISCOURSE_DB_HOST", "DISCOURSE_REDIS_HOST");
        assertThat(world.sts().getSpec().getReplicas()).isZero();
        world.awaitStatus(InstancePhase.Migrating, "Ready", "False", "Migrating");

        SimulatedPods.finish(client, pre, true, "3.5.2\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        world.awaitStatus(InstancePhase.RollingOut, "Progressing", "True", "RollingOut");
        assertThat(world.jobs()).hasSize(1);

        world.rolledOut();
        Job post = world.awaitJob("post");
        assertThat(envNames(post)).doesNotContain("SKIP_POST_DEPLOYMENT_MIGRATIONS");
        world.awaitStatus(InstancePhase.PostMigrating, "Progressing", "True", "PostMigrating");

        SimulatedPods.finish(client, post, true, "3.5.2\n");
        world.awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
        DiscourseInstance done = world.instance();
        assertThat(done.getStatus().getDiscourseVersion()).isEqualTo("3.5.2");
        assertThat(done.getStatus().getCurrentImage()).isEqualTo(V2);
        assertThat(done.getStatus().getTargetImage()).isEqualTo(V2);
        assertThat(done.getStatus().getMigration()).isNull();
    }

    @Test
    void aFailedUpgradeKeepsTheOldPodsAndRetriesWhenTheJobIsDeleted() {
        converge(V1);
        world.setImage(V2);
        Job pre = world.awaitJob("pre", V2);
        assertThat(image(world.sts())).as("old pods keep serving").isEqualTo(V1);
        assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1);

        SimulatedPods.finish(client, pre, false, "== 20261101 AddColumn: migrating\nrake aborted!\n"
                + "PG::UndefinedTable: ERROR:  relation \"topics\" does not exist");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.condition("Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("MigrationFailed");
            assertThat(c.getMessage()).contains(pre.getMetadata().getName())
                    .contains("PG::UndefinedTable: ERROR:  relation \"topics\" does not exist");
        }));
        assertThat(world.instance().getStatus().getMigration().getLogTail()).startsWith("== 20261101 AddColumn");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(OperatorEvents.in(client, ns))
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("MigrationFailed");
                    assertThat(e.getType()).isEqualTo("Warning");
                }));
        assertThat(image(world.sts())).isEqualTo(V1);
        assertThat(world.condition("Ready").getStatus()).isEqualTo("True");

        client.batch().v1().jobs().inNamespace(ns).withName(pre.getMetadata().getName()).delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.jobs()).anySatisfy(j -> {
            assertThat(j.getMetadata().getName()).isEqualTo(pre.getMetadata().getName());
            assertThat(j.getMetadata().getUid()).isNotEqualTo(pre.getMetadata().getUid());
        }));
        SimulatedPods.finish(client, world.job(pre.getMetadata().getName()), true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(world.sts())).isEqualTo(V2));
    }

    @Test
    void anUpgradeWithBackupFirstTakesABackupAndMigratesOnlyOnceItSucceeded() {
        converge(V1);
        upgradeWithBackupFirst(V2);
        Job backupJob = awaitBackupJob();
        String backup = PreUpgradeBackup.name("forum", V2);
        assertThat(backupJob.getMetadata().getLabels()).containsEntry(BackupJob.LABEL_BACKUP, backup);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.condition("Progressing").getMessage())
                .startsWith("Waiting for DiscourseBackup " + backup + " before upgrading to " + V2));
        assertThat(preJobsFor(V2)).as("no migration beside the backup").isEmpty();
        assertThat(image(world.sts())).isEqualTo(V1);

        SimulatedPods.finish(client, backupJob, true, "archive=" + backup + "-x-v20251120000000.tar.gz\nsize=1\n"
                + "location=local\nversion=3.5.1\n");
        Job pre = world.awaitJob("pre", V2);
        SimulatedPods.finish(client, pre, true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(world.sts())).isEqualTo(V2));
        assertThat(client.resources(DiscourseBackup.class).inNamespace(ns).list().getItems()).as("one backup per upgrade")
                .singleElement().satisfies(b -> assertThat(b.getMetadata().getOwnerReferences()).isNullOrEmpty());
    }

    @Test
    void aFailedBackupBeforeAnUpgradeStopsItWhileTheOldPodsServeUntilTheBackupIsDeleted() {
        converge(V1);
        upgradeWithBackupFirst(V2);
        SimulatedPods.finish(client, awaitBackupJob(), false, "pg_dump: error: connection to server failed\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.condition("Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("UpgradeBackupFailed");
            assertThat(c.getMessage()).contains("pg_dump: error").contains("old pods keep serving");
        }));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(OperatorEvents.in(client, ns))
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("UpgradeBackupFailed")));
        assertThat(preJobsFor(V2)).isEmpty();
        assertThat(image(world.sts())).isEqualTo(V1);
        assertThat(world.condition("Ready").getStatus()).isEqualTo("True");

        client.resources(DiscourseBackup.class).inNamespace(ns).withName(PreUpgradeBackup.name("forum", V2)).delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.batch().v1().jobs().inNamespace(ns)
                .withLabel(BackupJob.LABEL_BACKUP, PreUpgradeBackup.name("forum", V2)).list().getItems())
                .as("a new backup, a new Job").singleElement()
                .satisfies(j -> assertThat(SimulatedPods.finished(j)).isFalse()));
    }

    private java.util.List<Job> preJobsFor(String image) {
        return world.jobs("pre").stream()
                .filter(j -> image.equals(j.getMetadata().getAnnotations().get(MigrationJobs.ANNOTATION_IMAGE))).toList();
    }

    private void upgradeWithBackupFirst(String image) {
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getSpec().getUpgrade().setBackupFirst(true);
            i.getSpec().setImage(image);
            return i;
        });
    }

    private Job awaitBackupJob() {
        return await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns)
                .withLabel("app.kubernetes.io/component", BackupJob.COMPONENT).list().getItems().stream()
                .filter(j -> !SimulatedPods.finished(j)).findFirst().orElse(null), j -> j != null);
    }

    @Test
    void anImageChangeDuringARolloutWaitsForItsOwnMigrations() {
        converge(V1);
        world.setImage(V2);
        SimulatedPods.finish(client, world.awaitJob("pre", V2), true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(world.sts())).isEqualTo(V2));
        world.awaitStatus(InstancePhase.RollingOut, "Progressing", "True", "RollingOut");

        world.setImage(V3);
        Job preV3 = world.awaitJob("pre", V3);
        assertThat(image(world.sts())).as("the half-done rollout of V2 is left as it is").isEqualTo(V2);
        assertThat(world.jobs()).as("no post-deployment migrations for V2").noneMatch(j -> "post".equals(
                j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP))
                && V2.equals(j.getMetadata().getAnnotations().get(MigrationJobs.ANNOTATION_IMAGE)));

        SimulatedPods.finish(client, preV3, true, "3.5.3");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(world.sts())).isEqualTo(V3));
        world.rolledOut();
        SimulatedPods.finish(client, world.awaitJob("post", V3), true, "3.5.3");
        world.awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
        assertThat(world.instance().getStatus().getDiscourseVersion()).isEqualTo("3.5.3");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.jobs()).extracting(j -> j.getMetadata().getAnnotations()
                .get(MigrationJobs.ANNOTATION_IMAGE)).as("older images' Jobs are cleaned up").containsOnly(V3));
    }

    @Test
    void aJobLeftByAnEarlierOperatorRunIsPickedUpNotRepeated() {
        // What an operator that stopped mid-migration leaves behind: a running pre-deployment Job for the image.
        world.createInstance(V2);
        Job pre = world.awaitJob("pre");
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").delete();
        await().atMost(TIMEOUT).until(() -> world.instance() == null);
        Job orphan = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(pre).editMetadata().withResourceVersion(null)
                .withUid(null).withOwnerReferences().withCreationTimestamp(null).withManagedFields().endMetadata()
                .withStatus(null).build();
        orphan.getSpec().setSelector(null);
        // the labels the API server gave the first Job's template, which it would refuse on another Job
        orphan.getSpec().getTemplate().getMetadata().getLabels().keySet().removeAll(java.util.Set.of("controller-uid",
                "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name"));
        client.batch().v1().jobs().inNamespace(ns).withName(pre.getMetadata().getName()).delete();
        await().atMost(TIMEOUT).until(() -> world.job(pre.getMetadata().getName()) == null);
        Job left = client.resource(orphan).create();

        world.createInstance(V2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.instance().getStatus()).isNotNull()
                .extracting(st -> st.getMigration()).isNotNull()
                .satisfies(m -> assertThat(m.getJob()).isEqualTo(left.getMetadata().getName())));
        assertThat(world.jobs()).singleElement().extracting(j -> j.getMetadata().getUid()).isEqualTo(left.getMetadata().getUid());

        SimulatedPods.finish(client, left, true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        assertThat(world.jobs()).singleElement().extracting(j -> j.getMetadata().getUid()).isEqualTo(left.getMetadata().getUid());
    }

    private void converge(String image) {
        world.createInstance(image);
        SimulatedPods.finish(client, world.awaitJob("pre", image), true, "3.5.1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(world.sts().getSpec().getReplicas()).isEqualTo(1));
        world.rolledOut();
        SimulatedPods.finish(client, world.awaitJob("post", image), true, "3.5.1");
        world.awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
    }
}
