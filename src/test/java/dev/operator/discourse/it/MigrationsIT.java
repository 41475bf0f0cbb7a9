package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ConnectionSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DatabaseRelationSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.DiscourseInstanceSpec;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.RedisRelationSpec;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.testsupport.FakeJobController;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.workload.WorkloadContainer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The migration sequence against a real kube-apiserver. No Job controller or kubelet runs there: the test
 * finishes Jobs (with a pod reporting a termination message) and reports StatefulSet rollouts itself.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class MigrationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String V1 = "ghcr.io/discourse-operator/discourse:3.5.1";
    private static final String V2 = "ghcr.io/discourse-operator/discourse:3.5.2";
    private static final String V3 = "ghcr.io/discourse-operator/discourse:3.5.3";

    KubernetesClient client;
    String ns;

    @BeforeEach
    void namespaceWithRelations() {
        client = KubeApiServerResource.client();
        ns = "it-mig-" + Long.toHexString(System.nanoTime());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        // Relations whose servers are not checked: migrations are about Jobs, not about PostgreSQL.
        client.resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace(ns).endMetadata()
                .addToStringData("host", "pg").addToStringData("port", "5432").addToStringData("dbname", "forum")
                .addToStringData("user", "forum").addToStringData("password", "pw").build()).create();
        DatabaseRelation db = new DatabaseRelation();
        db.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(ns).build());
        DatabaseRelationSpec dbSpec = new DatabaseRelationSpec();
        dbSpec.setInstanceRef(new InstanceRef("forum"));
        dbSpec.setSecretRef(new ConnectionSecretRef("db"));
        dbSpec.setSkipConnectionCheck(true);
        db.setSpec(dbSpec);
        client.resource(db).create();
        RedisRelation redis = new RedisRelation();
        redis.setMetadata(new ObjectMetaBuilder().withName("cache").withNamespace(ns).build());
        RedisRelationSpec redisSpec = new RedisRelationSpec();
        redisSpec.setInstanceRef(new InstanceRef("forum"));
        redisSpec.setHost("redis");
        redisSpec.setSkipConnectionCheck(true);
        redis.setSpec(redisSpec);
        client.resource(redis).create();
    }

    @AfterEach
    void cleanup() {
        client.resources(DatabaseRelation.class).inNamespace(ns).delete();
        client.resources(RedisRelation.class).inNamespace(ns).delete();
        client.resources(DiscourseInstance.class).inNamespace(ns).delete();
    }

    @Test
    void aFirstInstallMigratesBeforeAnyPodThenRollsOutThenRunsPostMigrations() {
        createInstance(V2);
        Job pre = awaitJob("pre");
        assertThat(env(pre, "SKIP_POST_DEPLOYMENT_MIGRATIONS")).isEqualTo("1");
        assertThat(envNames(pre)).as("the relations' settings come along").contains("DISCOURSE_DB_HOST", "DISCOURSE_REDIS_HOST");
        assertThat(sts().getSpec().getReplicas()).isZero();
        awaitStatus(InstancePhase.Migrating, "Ready", "False", "Migrating");

        FakeJobController.finish(client, pre, true, "3.5.2\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts().getSpec().getReplicas()).isEqualTo(1));
        awaitStatus(InstancePhase.RollingOut, "Progressing", "True", "RollingOut");
        assertThat(jobs()).hasSize(1);

        rolledOut();
        Job post = awaitJob("post");
        assertThat(envNames(post)).doesNotContain("SKIP_POST_DEPLOYMENT_MIGRATIONS");
        awaitStatus(InstancePhase.PostMigrating, "Progressing", "True", "PostMigrating");

        FakeJobController.finish(client, post, true, "3.5.2\n");
        awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
        DiscourseInstance done = instance();
        assertThat(done.getStatus().getDiscourseVersion()).isEqualTo("3.5.2");
        assertThat(done.getStatus().getCurrentImage()).isEqualTo(V2);
        assertThat(done.getStatus().getTargetImage()).isEqualTo(V2);
        assertThat(done.getStatus().getMigration()).isNull();
    }

    @Test
    void aFailedUpgradeKeepsTheOldPodsAndRetriesWhenTheJobIsDeleted() {
        converge(V1);
        setImage(V2);
        Job pre = awaitJob("pre", V2);
        assertThat(image(sts())).as("old pods keep serving").isEqualTo(V1);
        assertThat(sts().getSpec().getReplicas()).isEqualTo(1);

        FakeJobController.finish(client, pre, false, "== 20261101 AddColumn: migrating\nrake aborted!\n"
                + "PG::UndefinedTable: ERROR:  relation \"topics\" does not exist");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("MigrationFailed");
            assertThat(c.getMessage()).contains(pre.getMetadata().getName())
                    .contains("PG::UndefinedTable: ERROR:  relation \"topics\" does not exist");
        }));
        assertThat(instance().getStatus().getMigration().getLogTail()).startsWith("== 20261101 AddColumn");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(ns).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("MigrationFailed");
                    assertThat(e.getType()).isEqualTo("Warning");
                }));
        assertThat(image(sts())).isEqualTo(V1);
        assertThat(condition("Ready").getStatus()).isEqualTo("True");

        client.batch().v1().jobs().inNamespace(ns).withName(pre.getMetadata().getName()).delete();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(jobs()).anySatisfy(j -> {
            assertThat(j.getMetadata().getName()).isEqualTo(pre.getMetadata().getName());
            assertThat(j.getMetadata().getUid()).isNotEqualTo(pre.getMetadata().getUid());
        }));
        FakeJobController.finish(client, job(pre.getMetadata().getName()), true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(sts())).isEqualTo(V2));
    }

    @Test
    void anImageChangeDuringARolloutWaitsForItsOwnMigrations() {
        converge(V1);
        setImage(V2);
        FakeJobController.finish(client, awaitJob("pre", V2), true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(sts())).isEqualTo(V2));
        awaitStatus(InstancePhase.RollingOut, "Progressing", "True", "RollingOut");

        setImage(V3);
        Job preV3 = awaitJob("pre", V3);
        assertThat(image(sts())).as("the half-done rollout of V2 is left as it is").isEqualTo(V2);
        assertThat(jobs()).as("no post-deployment migrations for V2").noneMatch(j -> "post".equals(
                j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP))
                && V2.equals(j.getMetadata().getAnnotations().get(MigrationJobs.ANNOTATION_IMAGE)));

        FakeJobController.finish(client, preV3, true, "3.5.3");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(image(sts())).isEqualTo(V3));
        rolledOut();
        FakeJobController.finish(client, awaitJob("post", V3), true, "3.5.3");
        awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
        assertThat(instance().getStatus().getDiscourseVersion()).isEqualTo("3.5.3");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(jobs()).extracting(j -> j.getMetadata().getAnnotations()
                .get(MigrationJobs.ANNOTATION_IMAGE)).as("older images' Jobs are cleaned up").containsOnly(V3));
    }

    @Test
    void aJobLeftByAnEarlierOperatorRunIsPickedUpNotRepeated() {
        // What an operator that stopped mid-migration leaves behind: a running pre-deployment Job for the image.
        createInstance(V2);
        Job pre = awaitJob("pre");
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").delete();
        await().atMost(TIMEOUT).until(() -> instance() == null);
        Job orphan = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(pre).editMetadata().withResourceVersion(null)
                .withUid(null).withOwnerReferences().withCreationTimestamp(null).withManagedFields().endMetadata()
                .withStatus(null).build();
        orphan.getSpec().setSelector(null);
        orphan.getSpec().getTemplate().getMetadata().getLabels().remove("controller-uid");
        orphan.getSpec().getTemplate().getMetadata().getLabels().remove("job-name");
        client.batch().v1().jobs().inNamespace(ns).withName(pre.getMetadata().getName()).delete();
        await().atMost(TIMEOUT).until(() -> job(pre.getMetadata().getName()) == null);
        Job left = client.resource(orphan).create();

        createInstance(V2);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instance().getStatus()).isNotNull()
                .extracting(st -> st.getMigration()).isNotNull()
                .satisfies(m -> assertThat(m.getJob()).isEqualTo(left.getMetadata().getName())));
        assertThat(jobs()).singleElement().extracting(j -> j.getMetadata().getUid()).isEqualTo(left.getMetadata().getUid());

        FakeJobController.finish(client, left, true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts().getSpec().getReplicas()).isEqualTo(1));
        assertThat(jobs()).singleElement().extracting(j -> j.getMetadata().getUid()).isEqualTo(left.getMetadata().getUid());
    }

    // --- fixtures -------------------------------------------------------------------------------------

    private void createInstance(String image) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName("forum").withNamespace(ns).build());
        DiscourseInstanceSpec spec = new DiscourseInstanceSpec();
        spec.setImage(image);
        instance.setSpec(spec);
        client.resource(instance).create();
    }

    private void converge(String image) {
        createInstance(image);
        FakeJobController.finish(client, awaitJob("pre", image), true, "3.5.1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts().getSpec().getReplicas()).isEqualTo(1));
        rolledOut();
        FakeJobController.finish(client, awaitJob("post", image), true, "3.5.1");
        awaitStatus(InstancePhase.Ready, "Ready", "True", "Ready");
    }

    private void setImage(String image) {
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").edit(i -> {
            i.getSpec().setImage(image);
            return i;
        });
    }

    /** Plays the StatefulSet controller: every pod of the current template is up and ready. */
    private void rolledOut() {
        StatefulSet sts = sts();
        int replicas = sts.getSpec().getReplicas();
        client.apps().statefulSets().inNamespace(ns).withName("forum").editStatus(s -> {
            s.setStatus(new StatefulSetStatusBuilder().withObservedGeneration(sts.getMetadata().getGeneration())
                    .withReplicas(replicas).withReadyReplicas(replicas).withUpdatedReplicas(replicas)
                    .withCurrentRevision("r" + sts.getMetadata().getGeneration())
                    .withUpdateRevision("r" + sts.getMetadata().getGeneration()).build());
            return s;
        });
    }

    private Job awaitJob(String step) {
        return awaitJob(step, instance().getSpec().getImage());
    }

    private Job awaitJob(String step, String image) {
        return await().atMost(TIMEOUT).until(() -> jobs().stream()
                .filter(j -> step.equals(j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP)))
                .filter(j -> image.equals(j.getMetadata().getAnnotations().get(MigrationJobs.ANNOTATION_IMAGE)))
                .filter(j -> j.getStatus() == null || j.getStatus().getSucceeded() == null)
                .findFirst().orElse(null), j -> j != null);
    }

    private void awaitStatus(InstancePhase phase, String type, String status, String reason) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            DiscourseInstance i = instance();
            assertThat(i.getStatus()).isNotNull();
            assertThat(i.getStatus().getPhase()).isEqualTo(phase);
            assertThat(condition(type)).satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo(status);
                assertThat(c.getReason()).isEqualTo(reason);
            });
        });
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(ns).list().getItems();
    }

    private Job job(String name) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
    }

    private DiscourseInstance instance() {
        return client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").get();
    }

    private Condition condition(String type) {
        return instance().getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow();
    }

    private StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(ns).withName("forum").get();
    }

    private static String image(StatefulSet sts) {
        return WorkloadContainer.of(sts).orElseThrow().getImage();
    }

    private static List<String> envNames(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).toList();
    }

    private static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).findFirst().map(EnvVar::getValue).orElse(null);
    }
}
