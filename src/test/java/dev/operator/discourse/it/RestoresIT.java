package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.BackupRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreSpec;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RestorePhase;
import dev.operator.discourse.backup.BackupJob;
import dev.operator.discourse.restore.RestoreJobs;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * DiscourseRestore against a real kube-apiserver, controller manager and kwok, with the relations checking a
 * private PostgreSQL and Redis: the StatefulSet controller really takes the forum's pods away and brings them
 * back; the test says how each of the restore's Jobs ended. After a failure the operator reads that PostgreSQL.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class RestoresIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APP_PASSWORD = "pg-app-secret-r";
    private static final String REDIS_PASSWORD = "redis-secret-r";
    private static final String ARCHIVE = "forum-2026-12-01-033000-v20251120000000.tar.gz";
    private static final String CHECKED = "archive=" + ARCHIVE + "\nsize=5242880\nlocation=local\nschema=20251120000000\n"
            + "current=20251201000000\n";

    static PostgresServer postgres;
    static RedisServer redis;
    static int databases;

    KubernetesClient client;
    TestNamespace namespace;
    String ns;
    String database;
    ServerBackedRelations world;

    @BeforeAll
    static void servers() {
        postgres = PostgresServer.startNew();
        redis = RedisServer.startNew(REDIS_PASSWORD);
    }

    @AfterAll
    static void stopServers() {
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void namespaceAndDatabase() {
        client = KubeApiServerResource.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-restore-");
        ns = namespace.name;
        database = "restore" + (++databases);
        postgres.createAppDatabase(database, database, APP_PASSWORD);
        world = new ServerBackedRelations(client, ns, postgres, database, redis);
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void aRestoreChecksStopsTheForumRestoresMigratesAndBringsItBack() throws Exception {
        servingForum();
        succeededBackup("nightly");
        restore("back", r -> r.getSpec().setBackupRef(new BackupRef("nightly")));

        // the check runs while the forum serves
        Job check = awaitJob("back", "check");
        assertThat(get("back").getStatus().getPhase()).isEqualTo(RestorePhase.CHECKING);
        assertThat(env(check, RestoreJobs.ARCHIVE_ENV)).isEqualTo(ARCHIVE);
        assertThat(env(check, RestoreJobs.LOCATION_ENV)).isEqualTo("local");
        assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1);
        assertThat(get("back").getStatus().getHoldsForum()).isFalse();
        SimulatedPods.finish(client, check, true, CHECKED);

        // then the forum goes down, really: the StatefulSet controller removes its pod
        Job restoreJob = awaitJob("back", "restore");
        assertThat(sts("forum").getSpec().getReplicas()).isZero();
        assertThat(client.pods().inNamespace(ns).withLabel("app.kubernetes.io/component", "web").list().getItems()).isEmpty();
        assertThat(get("back").getStatus().getPhase()).isEqualTo(RestorePhase.RESTORING);
        assertThat(get("back").getStatus().getHoldsForum()).isTrue();
        assertThat(get("back").getStatus().getStartedAt()).isNotNull();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(instance().getStatus().getPhase()).isEqualTo(InstancePhase.Restoring);
            assertThat(condition(instance().getStatus().getConditions(), "Ready")).get()
                    .extracting(Condition::getReason).isEqualTo("Restoring");
        });
        assertThat(restoreJob.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2))
                .contains("script/discourse restore").contains("--location \"$RESTORE_LOCATION\"")
                .doesNotContain(ARCHIVE);
        SimulatedPods.finish(client, restoreJob, true, "restored " + ARCHIVE);

        Job migrate = awaitJob("back", "migrate");
        assertThat(sts("forum").getSpec().getReplicas()).as("still held while migrating").isZero();
        SimulatedPods.finish(client, migrate, true, "3.6.0\n");

        DiscourseRestore done = awaitPhase("back", RestorePhase.SUCCEEDED);
        assertThat(done.getStatus().getHoldsForum()).isFalse();
        assertThat(done.getStatus().getMessage()).isEqualTo("Restored " + ARCHIVE + "; the forum serves again");
        assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1);
        assertThat(sts("forum").getStatus().getReadyReplicas()).isEqualTo(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eventReasons("back"))
                .contains("Checking", "Stopping", "Restoring", "Migrating", "Starting", "Succeeded"));
        Thread.sleep(3000);
        assertThat(restoreJobs()).as("each step once").hasSize(3);
    }

    @Test
    void aRestoreNotConfirmedByTheInstancesNameTouchesNothing() throws Exception {
        servingForum();
        restore("careless", r -> {
            r.getSpec().setArchive(ARCHIVE);
            r.getSpec().setConfirmInstanceName("other-forum");
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(get("careless").getStatus().getConditions(),
                "Complete")).get().satisfies(c -> {
                    assertThat(c.getReason()).isEqualTo("NotConfirmed");
                    assertThat(c.getMessage()).contains("'other-forum', not 'forum'");
                }));
        Thread.sleep(2000);
        assertThat(restoreJobs()).isEmpty();
        assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1);

        assertThatThrownBy(() -> client.resources(DiscourseRestore.class).inNamespace(ns).withName("careless")
                .edit(r -> { r.getSpec().setInstanceRef(new InstanceRef("other-forum")); return r; }))
                .as("the instance is fixed at creation").hasMessageContaining("spec.instanceRef cannot change");
        client.resources(DiscourseRestore.class).inNamespace(ns).withName("careless")
                .edit(r -> { r.getSpec().setConfirmInstanceName("forum"); return r; });
        awaitJob("careless", "check");
        assertThat(get("careless").getStatus().getPhase()).isEqualTo(RestorePhase.CHECKING);
    }

    @Test
    void anArchiveTheStoreLacksFailsTheCheckAndTheForumNeverStops() throws Exception {
        servingForum();
        restore("missing", r -> r.getSpec().setArchive("nope-v20251120000000.tar.gz"));
        SimulatedPods.finish(client, awaitJob("missing", "check"), false,
                "restore: no archive nope-v20251120000000.tar.gz in the local backup store\n");

        DiscourseRestore failed = awaitPhase("missing", RestorePhase.FAILED);
        assertThat(failed.getStatus().getMessage()).contains("no archive nope-v20251120000000.tar.gz")
                .contains("the forum was not touched");
        assertThat(failed.getStatus().getHoldsForum()).isFalse();
        assertThat(condition(failed.getStatus().getConditions(), "Failed")).get().extracting(Condition::getReason)
                .isEqualTo("ArchiveCheckFailed");
        Thread.sleep(2000);
        assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1);
        assertThat(restoreJobs()).hasSize(1);
    }

    @Test
    void aRestoreKilledMidwaySaysWhatTheDatabaseHoldsAndKeepsTheForumDownUntilDeleted() {
        servingForum();
        restore("killed", r -> r.getSpec().setArchive(ARCHIVE));
        SimulatedPods.finish(client, awaitJob("killed", "check"), true, CHECKED);
        Job restoreJob = awaitJob("killed", "restore");
        // what Discourse's restore leaves when killed after moving public's tables aside: no schema in public,
        // the old forum in schema backup
        postgres.execute(database, "CREATE SCHEMA backup AUTHORIZATION " + database);
        postgres.execute(database, "CREATE TABLE backup.schema_migrations (version varchar PRIMARY KEY)");
        postgres.execute(database, "CREATE TABLE backup.topics (id int)");
        SimulatedPods.finish(client, restoreJob, false, "Restoring dump file... (this may take a while)\n");

        DiscourseRestore failed = awaitPhase("killed", RestorePhase.FAILED);
        assertThat(failed.getStatus().getDatabaseState()).isEqualTo("public holds no Discourse schema; schema backup "
                + "holds 2 tables of the database as it was before a restore (Discourse's `script/discourse rollback` "
                + "moves them back to public)");
        assertThat(failed.getStatus().getMessage()).contains("Restoring dump file").contains("The forum stays at zero replicas")
                .doesNotContain(APP_PASSWORD);
        assertThat(failed.getStatus().getHoldsForum()).isTrue();
        assertThat(condition(failed.getStatus().getConditions(), "ForumHeld")).get().extracting(Condition::getStatus)
                .isEqualTo("True");
        assertThat(sts("forum").getSpec().getReplicas()).isZero();

        client.resources(DiscourseRestore.class).inNamespace(ns).withName("killed").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1));
    }

    @Test
    void aRestoreThatDiscourseRolledBackBringsTheForumBackOnItsOldDatabase() {
        servingForum();
        postgres.execute(database, "CREATE TABLE public.schema_migrations (version varchar PRIMARY KEY)");
        postgres.execute(database, "INSERT INTO public.schema_migrations VALUES ('20251120000000'), ('20251201000000')");
        postgres.execute(database, "ALTER TABLE public.schema_migrations OWNER TO " + database);
        restore("rolledback", r -> r.getSpec().setArchive(ARCHIVE));
        SimulatedPods.finish(client, awaitJob("rolledback", "check"), true, CHECKED);
        SimulatedPods.finish(client, awaitJob("rolledback", "restore"), false,
                "EXCEPTION: psql failed: ERROR: relation \"x\" already exists\nTrying to rollback...\nRolling back...\n");

        DiscourseRestore failed = awaitPhase("rolledback", RestorePhase.FAILED);
        assertThat(failed.getStatus().getDatabaseState())
                .isEqualTo("public holds a Discourse schema at migration 20251201000000; there is no schema backup");
        assertThat(failed.getStatus().getMessage()).contains("psql failed").contains("The forum starts again");
        assertThat(failed.getStatus().getHoldsForum()).isFalse();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1));
    }

    @Test
    void aRestoreDeletedWhileDiscourseRestoresGoesOnlyOnceItsJobEndedAndTheForumStaysDownMeanwhile() throws Exception {
        servingForum();
        restore("impatient", r -> r.getSpec().setArchive(ARCHIVE));
        SimulatedPods.finish(client, awaitJob("impatient", "check"), true, CHECKED);
        Job restoreJob = awaitJob("impatient", "restore");

        client.resources(DiscourseRestore.class).inNamespace(ns).withName("impatient").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("impatient").getStatus().getMessage())
                .startsWith("Deleted while Job " + restoreJob.getMetadata().getName() + " runs"));
        Thread.sleep(2000);
        assertThat(get("impatient")).as("kept by its finalizer").isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace(ns).withName(restoreJob.getMetadata().getName()).get())
                .as("Discourse's restore is not killed").isNotNull();
        assertThat(sts("forum").getSpec().getReplicas()).as("still held").isZero();

        SimulatedPods.finish(client, restoreJob, true, "restored " + ARCHIVE);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("impatient")).isNull());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1));
    }

    @Test
    void aRestoreJobDeletedByHandFailsItsStepAndIsNeverMadeAgain() throws Exception {
        servingForum();
        restore("cancelled", r -> r.getSpec().setArchive(ARCHIVE));
        SimulatedPods.finish(client, awaitJob("cancelled", "check"), true, CHECKED);
        Job restoreJob = awaitJob("cancelled", "restore");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("cancelled").getStatus().getJobMade())
                .isEqualTo(restoreJob.getMetadata().getName()));

        client.batch().v1().jobs().inNamespace(ns).withName(restoreJob.getMetadata().getName()).delete();
        DiscourseRestore failed = awaitPhase("cancelled", RestorePhase.FAILED);
        assertThat(condition(failed.getStatus().getConditions(), "Failed")).get().extracting(Condition::getReason)
                .isEqualTo("JobDeleted");
        assertThat(failed.getStatus().getMessage()).contains("was deleted before it ended").contains("The database: ");
        Thread.sleep(3000);
        assertThat(restoreJobs()).noneSatisfy(j -> assertThat(j.getMetadata().getLabels().get(RestoreJobs.LABEL_STEP))
                .isEqualTo("restore"));
    }

    @Test
    void aRestoreWaitsForARunningBackupOfItsForum() {
        servingForum();
        backup("running");
        Job backupJob = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns)
                .withLabel(BackupJob.LABEL_BACKUP, "running").list().getItems().stream().findFirst().orElse(null),
                j -> j != null);
        restore("patient", r -> r.getSpec().setArchive(ARCHIVE));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get("patient").getStatus()).isNotNull()
                .satisfies(s -> assertThat(s.getMessage()).isEqualTo("Waiting for backup Job "
                        + backupJob.getMetadata().getName() + " to end")));
        assertThat(restoreJobs()).isEmpty();

        SimulatedPods.finish(client, backupJob, true, "archive=" + ARCHIVE + "\nsize=1\nlocation=local\nversion=3.6.0\n");
        awaitJob("patient", "check");
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private void servingForum() {
        world.instance("forum", 1);
        world.dbSecret("db-app", APP_PASSWORD);
        world.redisSecret("redis-pw", REDIS_PASSWORD);
        world.databaseRelation("db", "forum", "db-app", null, null);
        world.redisRelation("cache", "forum", "redis-pw");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.resources(DatabaseRelation.class).inNamespace(ns).withName("db").get().getStatus()).isNotNull();
            assertThat(client.resources(RedisRelation.class).inNamespace(ns).withName("cache").get().getStatus()).isNotNull();
            assertThat(sts("forum").getStatus().getReadyReplicas()).isEqualTo(1);
        });
    }

    private DiscourseBackup backup(String name) {
        DiscourseBackup backup = new DiscourseBackup();
        backup.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        backup.setSpec(spec);
        return client.resource(backup).create();
    }

    private void succeededBackup(String name) {
        backup(name);
        Job job = await().atMost(TIMEOUT).until(() -> client.batch().v1().jobs().inNamespace(ns)
                .withLabel(BackupJob.LABEL_BACKUP, name).list().getItems().stream().findFirst().orElse(null), j -> j != null);
        SimulatedPods.finish(client, job, true, "archive=" + ARCHIVE + "\nsize=5242880\nlocation=local\nversion=3.6.0\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.resources(DiscourseBackup.class).inNamespace(ns)
                .withName(name).get().getStatus().getPhase()).isEqualTo(BackupPhase.SUCCEEDED));
    }

    private void restore(String name, Consumer<DiscourseRestore> edit) {
        DiscourseRestore restore = new DiscourseRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        DiscourseRestoreSpec spec = new DiscourseRestoreSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setConfirmInstanceName("forum");
        restore.setSpec(spec);
        edit.accept(restore);
        client.resource(restore).create();
    }

    private DiscourseRestore get(String name) {
        return client.resources(DiscourseRestore.class).inNamespace(ns).withName(name).get();
    }

    private DiscourseInstance instance() {
        return client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").get();
    }

    private StatefulSet sts(String name) {
        return client.apps().statefulSets().inNamespace(ns).withName(name).get();
    }

    private List<Job> restoreJobs() {
        return client.batch().v1().jobs().inNamespace(ns).withLabel("app.kubernetes.io/component", RestoreJobs.COMPONENT)
                .list().getItems();
    }

    private Job awaitJob(String restore, String step) {
        return await().atMost(TIMEOUT).until(() -> restoreJobs().stream()
                .filter(j -> restore.equals(j.getMetadata().getLabels().get(RestoreJobs.LABEL_RESTORE))
                        && step.equals(j.getMetadata().getLabels().get(RestoreJobs.LABEL_STEP)))
                .findFirst().orElse(null), j -> j != null);
    }

    private DiscourseRestore awaitPhase(String name, RestorePhase phase) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(get(name).getStatus()).isNotNull()
                .satisfies(s -> assertThat(s.getPhase()).as(s.getMessage()).isEqualTo(phase)));
        return get(name);
    }

    private static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }

    private static Optional<Condition> condition(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private List<String> eventReasons(String name) {
        return OperatorEvents.in(client, ns).stream().filter(e -> name.equals(e.getInvolvedObject().getName()))
                .map(Event::getReason).toList();
    }
}
