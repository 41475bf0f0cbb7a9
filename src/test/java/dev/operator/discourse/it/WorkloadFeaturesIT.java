package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.api.v1alpha1.SidekiqMode;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.ManagedFields;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A separate Sidekiq workload and the pod features of issue #16 against a real kube-apiserver and its real
 * controllers (StatefulSet, disruption, horizontal pod autoscaler), with the relations checking a private
 * PostgreSQL and Redis. Who owns which field of both workloads is read from managedFields.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class WorkloadFeaturesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APP_PASSWORD = "pg-app-secret-2";
    private static final String REDIS_PASSWORD = "redis-secret-2";
    private static final Set<String> REDIS_ENV = Set.of("DISCOURSE_REDIS_HOST", "DISCOURSE_REDIS_PORT",
            "DISCOURSE_REDIS_PASSWORD", "DISCOURSE_REDIS_USE_SSL", "DISCOURSE_REDIS_DB");

    static PostgresServer postgres;
    static RedisServer redis;
    static int databases;

    KubernetesClient client;
    String ns;
    TestNamespace namespace;
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
        namespace = TestNamespace.withSucceedingJobs(client, "it-sidekiq-");
        ns = namespace.name;
        String database = "sidekiq" + (++databases);
        postgres.createAppDatabase(database, database, APP_PASSWORD);
        world = new ServerBackedRelations(client, ns, postgres, database, redis);
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void aSeparateSidekiqScalesOnItsOwnAndCarriesEachRelationsFieldsUnderThatRelationsManager() {
        world.instance("forum", 2);
        edit(i -> {
            i.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE);
            i.getSpec().getSidekiq().setReplicas(1);
        });
        bothRelationsReady();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(2);
            assertThat(sts("forum-sidekiq").getSpec().getReplicas()).isEqualTo(1);
        });
        for (String workload : new String[] { "forum", "forum-sidekiq" }) {
            StatefulSet sts = sts(workload);
            assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).as(workload).contains("DISCOURSE_DB_HOST",
                    "DISCOURSE_DB_PASSWORD");
            assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).as(workload).isEqualTo(REDIS_ENV);
            assertThat(ManagedFields.env(sts, FieldManagers.INSTANCE)).as(workload)
                    .doesNotContainAnyElementsOf(REDIS_ENV).doesNotContain("DISCOURSE_DB_HOST");
            assertThat(env(sts, "UNICORN_SIDEKIQS")).as("%s: web forks no Sidekiq", workload).isEqualTo("0");
        }
        assertThat(sts("forum-sidekiq").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .startsWith("bin/bundle", "exec", "sidekiq");

        // Sidekiq scales while web keeps its replicas; its budget comes with its second pod.
        assertThat(pdb("forum")).as("web has two pods").isPresent();
        assertThat(pdb("forum-sidekiq")).as("one Sidekiq pod needs no budget").isEmpty();
        edit(i -> i.getSpec().getSidekiq().setReplicas(3));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(sts("forum-sidekiq").getSpec().getReplicas()).isEqualTo(3);
            assertThat(pdb("forum-sidekiq")).get().satisfies(b -> assertThat(b.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "discourse-sidekiq"));
            assertThat(sts("forum-sidekiq").getStatus().getReadyReplicas()).isEqualTo(3);
            assertThat(instance().getStatus().getSidekiqReadyReplicas()).isEqualTo(3);
            assertThat(condition("SidekiqReady")).get().extracting(Condition::getStatus).isEqualTo("True");
        });
        assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(2);

        // Deleting a relation takes exactly its fields from both workloads.
        client.resources(RedisRelation.class).inNamespace(ns).withName("cache").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (String workload : new String[] { "forum", "forum-sidekiq" }) {
                StatefulSet sts = sts(workload);
                assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).as(workload).isEmpty();
                assertThat(sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                        .extracting(EnvVar::getName).as(workload).doesNotContainAnyElementsOf(REDIS_ENV)
                        .contains("DISCOURSE_DB_HOST");
                assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).as(workload).contains("DISCOURSE_DB_HOST");
            }
        });

        // Back to Embedded: the Sidekiq workload and its budget go, and web forks Sidekiq again.
        edit(i -> i.getSpec().getSidekiq().setMode(SidekiqMode.EMBEDDED));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(sts("forum-sidekiq")).isNull();
            assertThat(pdb("forum-sidekiq")).isEmpty();
            assertThat(env(sts("forum"), "UNICORN_SIDEKIQS")).isEqualTo("1");
        });
    }

    @Test
    void theScaleSubresourceAndAnAutoscalerMoveSpecReplicas() {
        world.instance("forum", 2);
        bothRelationsReady();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(2);
            assertThat(instance().getStatus().getSelector())
                    .isEqualTo("app.kubernetes.io/name=discourse,app.kubernetes.io/instance=forum");
        });

        // what kubectl scale dsc/forum --replicas=3 sends: the scale subresource
        client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").scale(3);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(instance().getSpec().getReplicas()).isEqualTo(3);
            assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(3);
        });

        // The controller manager's autoscaler raises a workload below its minimum without needing any metric.
        client.resource(new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("forum").withNamespace(ns)
                .endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("discourse.operator.dev/v1alpha1")
                .withKind("DiscourseInstance").withName("forum").endScaleTargetRef().withMinReplicas(4)
                .withMaxReplicas(6).endSpec().build()).create();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(instance().getSpec().getReplicas()).isEqualTo(4);
            assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(4);
        });
    }

    @Test
    void theSchedulerSpreadsThePodsAsTheSpecAsksAndTheyCarryTheUsersLabels() {
        world.instance("forum", 3);
        edit(i -> {
            i.getSpec().setPodLabels(java.util.Map.of("team", "community"));
            i.getSpec().setPodAnnotations(java.util.Map.of("example.com/owner", "community-team"));
            i.getSpec().setTopologySpreadConstraints(java.util.List.of(
                    new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder().withMaxSkew(1)
                            .withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("DoNotSchedule")
                            .withNewLabelSelector().addToMatchLabels("app.kubernetes.io/instance", "forum")
                            .addToMatchLabels("app.kubernetes.io/component", "web").endLabelSelector().build()));
        });
        bothRelationsReady();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var pods = client.pods().inNamespace(ns).withLabel("app.kubernetes.io/instance", "forum")
                    .withLabel("app.kubernetes.io/component", "web").list().getItems();
            assertThat(pods).hasSize(3).allSatisfy(p -> {
                assertThat(p.getMetadata().getLabels()).containsEntry("team", "community");
                assertThat(p.getMetadata().getAnnotations()).containsEntry("example.com/owner", "community-team");
                assertThat(p.getSpec().getNodeName()).isNotBlank();
            });
            // the real kube-scheduler put one pod on each of the three simulated nodes
            assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).distinct()).hasSize(3);
        });
    }

    @Test
    void aNetworkPolicyExistsOnlyWhileAskedFor() {
        world.instance("forum", 1);
        edit(i -> i.getSpec().getNetworkPolicy().setEnabled(true));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                client.network().v1().networkPolicies().inNamespace(ns).withName("forum").get()).isNotNull()
                .satisfies(p -> assertThat(p.getSpec().getIngress()).as("no peers named, no one admitted").isEmpty()));
        assertThat(pdb("forum")).as("one web pod needs no budget").isEmpty();
        edit(i -> i.getSpec().getNetworkPolicy().setEnabled(false));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                client.network().v1().networkPolicies().inNamespace(ns).withName("forum").get()).isNull());
    }

    @Test
    void aSeparateSidekiqOnAReadWriteOnceVolumeIsRefusedWithTheReason() {
        world.instance("forum", 1);
        // the CRD refuses it at admission (CrdValidationIT); an object stored before that rule meets ConfigValidator
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> edit(i -> i.getSpec().getSidekiq().setMode(SidekiqMode.SEPARATE))))
                .hasMessageContaining("sidekiq.mode: Separate needs s3.enabled or uploads.accessMode: ReadWriteMany");
        assertThat(sts("forum-sidekiq")).isNull();
    }

    @Test
    void thePodTemplateEscapeHatchReachesThePodAndWhatItMayNotTouchIsRefusedWithTheReason() {
        world.instance("forum", 1);
        edit(i -> i.getSpec().getUnsupported().setPodTemplate(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                spec:
                  hostAliases: [{ip: 10.0.0.9, hostnames: [smtp.internal]}]
                  containers:
                  - name: discourse
                    env: [{name: TZ, value: Europe/Paris}]
                """, java.util.Map.class)));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(sts("forum")).isNotNull();
            var pod = sts("forum").getSpec().getTemplate().getSpec();
            assertThat(pod.getHostAliases()).singleElement().satisfies(h -> assertThat(h.getIp()).isEqualTo("10.0.0.9"));
            assertThat(env(sts("forum"), "TZ")).isEqualTo("Europe/Paris");
        });
        long generation = sts("forum").getMetadata().getGeneration();

        edit(i -> i.getSpec().getUnsupported().getPodTemplate().put("spec",
                java.util.Map.of("securityContext", java.util.Map.of("runAsUser", 0))));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition("ConfigValid")).get().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).contains("unsupported.podTemplate.spec.securityContext is the operator's");
        }));
        assertThat(sts("forum").getMetadata().getGeneration()).as("an invalid spec touches nothing").isEqualTo(generation);
        assertThat(sts("forum").getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    }

    private void bothRelationsReady() {
        world.dbSecret("db-app", APP_PASSWORD);
        world.redisSecret("redis-pw", REDIS_PASSWORD);
        world.databaseRelation("db", "forum", "db-app", null, null);
        world.redisRelation("cache", "forum", "redis-pw");
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");
    }

    private void awaitReady(Class<? extends HasMetadata> kind, String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var status = kind == DatabaseRelation.class
                    ? client.resources(DatabaseRelation.class).inNamespace(ns).withName(name).get().getStatus()
                    : client.resources(RedisRelation.class).inNamespace(ns).withName(name).get().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
            });
        });
    }

    private void edit(java.util.function.Consumer<DiscourseInstance> change) {
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            change.accept(i);
            return i;
        });
    }

    private DiscourseInstance instance() {
        return client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").get();
    }

    private Optional<Condition> condition(String type) {
        var status = instance().getStatus();
        return status == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private StatefulSet sts(String name) {
        return client.apps().statefulSets().inNamespace(ns).withName(name).get();
    }

    private Optional<PodDisruptionBudget> pdb(String name) {
        return Optional.ofNullable(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName(name).get());
    }

    private static String env(StatefulSet sts, String name) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }
}
