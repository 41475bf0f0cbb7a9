package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.HungServer;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.OperatorProcess;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The fault tier's dependency cases, for PostgreSQL and for Redis alike, on the real servers, the real API server
 * with its StatefulSet and Job controllers, and the operator as packaged (its own JVM): the server stops before
 * the first rollout, after Ready, while the pre-deployment Job runs, during an upgrade's rollout, and across an
 * operator restart. In each: no scale-down, no pod-template change the user did not ask for, no migration run
 * twice or skipped, conditions that say what is down, and recovery within 30 s of the server's return without
 * restarting anything.
 */
@RequiresKubeApiServer
class DependencyOutagesPackagedIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** From the server's return to the forum's: the relations' recheck is at most 20 s apart. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final String DB_PASSWORD = "outages-db-pw";
    private static final String REDIS_PASSWORD = "outages-redis-pw";
    private static final String IMAGE_A = "ghcr.io/discourse-operator/discourse:3.5.1";
    private static final String IMAGE_B = "ghcr.io/discourse-operator/discourse:3.5.2";

    static KubeApiServer server;
    static PostgresServer postgres;
    static RedisServer redis;
    static OperatorProcess operator;
    static int databases;
    /** Seconds from each server's return to the forum's recovery, per case: the table of docs/reliability.md. */
    static final java.util.Map<String, Double> RECOVERIES = new java.util.TreeMap<>();
    KubernetesClient client;
    TestNamespace namespace;
    SimulatedPods succeedingJobs;

    /** The server a case stops, with what its relation and the instance say while it is down. */
    enum Dependency {
        POSTGRES("DatabaseReady", DatabaseRelation.class, "db",
                "rake aborted!\nActiveRecord::ConnectionNotEstablished: connection to server at \"127.0.0.1\", port 5432"
                        + " failed: Connection refused\nTasks: TOP => db:migrate"),
        REDIS("RedisReady", RedisRelation.class, "cache",
                "rake aborted!\nRedis::CannotConnectError: Error connecting to Redis on 127.0.0.1:6379 (Errno::ECONNREFUSED)"
                        + "\nTasks: TOP => db:migrate");

        final String instanceCondition;
        final Class<? extends HasMetadata> relation;
        final String relationName;
        /** What db:migrate prints when this server is gone (CONTRACT.md, "Failures a migration Job retries"). */
        final String migrationFailure;

        Dependency(String instanceCondition, Class<? extends HasMetadata> relation, String relationName,
                String migrationFailure) {
            this.instanceCondition = instanceCondition;
            this.relation = relation;
            this.relationName = relationName;
            this.migrationFailure = migrationFailure;
        }

        void stop() {
            if (this == POSTGRES) {
                postgres.stop();
            } else {
                redis.stop();
            }
        }

        String secret() {
            return this == POSTGRES ? "db-app" : "redis-pw";
        }

        void start() {
            if (this == POSTGRES) {
                postgres.start();
            } else {
                redis.start();
            }
        }
    }

    @BeforeAll
    static void servers() {
        server = KubeApiServer.shared();
        Crds.applyGenerated(server.client());
        postgres = PostgresServer.startNew();
        redis = RedisServer.startNew(REDIS_PASSWORD);
        operator = OperatorProcess.start(server, "operator-outages");
    }

    @AfterAll
    static void stopAll() throws java.io.IOException {
        StringBuilder table = new StringBuilder();
        RECOVERIES.forEach((k, v) -> table.append(k).append('\t').append(String.format(java.util.Locale.ROOT, "%.1f", v))
                .append(" s\n"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/reliability-recoveries.txt"), table);
        System.out.print("Recoveries after the server's return:\n" + table);
        if (operator != null) {
            operator.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void cleanup() {
        // a failed case must not leave a server down for the next
        if (!postgres.isRunning()) {
            postgres.start();
        }
        if (!redis.isRunning()) {
            redis.start();
        }
        if (succeedingJobs != null) {
            succeedingJobs.close();
        }
        namespace.close();
    }

    @ParameterizedTest
    @EnumSource(Dependency.class)
    void downBeforeTheFirstRolloutHoldsItBackUntilTheServerReturns(Dependency down) {
        namespace = TestNamespace.withSucceedingJobs(server.client(), "it-out-first-");
        client = server.client();
        down.stop();
        forum(IMAGE_B, 1);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(relationCondition(down, "Connected")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("Unreachable");
            });
            assertThat(instance().getStatus()).isNotNull().extracting(st -> st.getPhase()).isEqualTo(InstancePhase.Pending);
        });
        assertThat(jobs()).as("no migration against a server that is down").isEmpty();
        assertThat(replicas()).isZero();

        down.start();
        long back = System.nanoTime();
        await().atMost(RECOVERY).untilAsserted(() -> assertThat(relationCondition(down, "Ready")).get()
                .extracting(Condition::getStatus).isEqualTo("True"));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(phase()).isEqualTo(InstancePhase.Ready));
        recovered("before the first rollout (to Ready, migrations included)", down, back);
        assertThat(jobsOf("pre")).hasSize(1);
        assertThat(jobsOf("post")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dependency.class)
    void downAfterReadyLeavesTheRunningForumAlone(Dependency down) {
        readyForum();
        Untouched before = untouched();

        down.stop();
        recheckNow(down);
        await().atMost(TIMEOUT).untilAsserted(() -> assertDegraded(down));
        before.assertStill();

        down.start();
        long back = System.nanoTime();
        await().atMost(RECOVERY).untilAsserted(() -> assertRecovered(down));
        recovered("after Ready", down, back);
        before.assertStill();
    }

    @ParameterizedTest
    @EnumSource(Dependency.class)
    void downWhileThePreDeploymentJobRunsRetriesItOnceTheServerIsBack(Dependency down) {
        namespace = TestNamespace.create(server.client(), "it-out-pre-");
        client = server.client();
        forum(IMAGE_B, 1);
        Job pre = awaitRunningJob("pre");

        down.stop();
        recheckNow(down);
        // what db:migrate does when its server goes away: it fails, saying so
        SimulatedPods.finish(client, pre, false, down.migrationFailure);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(relationCondition(down, "Connected")).get()
                .extracting(Condition::getStatus).isEqualTo("False"));
        assertThat(replicas()).as("a first install stays at zero until its schema exists").isZero();
        assertThat(jobsOf("post")).isEmpty();

        down.start();
        long back = System.nanoTime();
        Job retry = await().atMost(RECOVERY.plusSeconds(15)).until(() -> runningJob("pre"),
                j -> j != null && !j.getMetadata().getUid().equals(pre.getMetadata().getUid()));
        recovered("during the pre-deployment Job (to its retry)", down, back);
        assertThat(retry.getMetadata().getName()).as("the same step, run again").isEqualTo(pre.getMetadata().getName());
        SimulatedPods.finish(client, retry, true, "3.5.2");
        await().atMost(TIMEOUT).until(() -> replicas() == 1);
        releasePods();
        SimulatedPods.finish(client, awaitRunningJob("post"), true, "3.5.2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(phase()).isEqualTo(InstancePhase.Ready));
        assertThat(jobsOf("pre")).as("the failed run was replaced, not duplicated").hasSize(1);
        assertThat(jobsOf("post")).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dependency.class)
    void downDuringAnUpgradesRolloutHoldsItWhereItIs(Dependency down) {
        namespace = TestNamespace.held(server.client(), "it-out-up-");
        client = server.client();
        succeedingJobs = SimulatedPods.succeedJobs(client, namespace.name, "3.5.2");
        forum(IMAGE_A, 2);
        await().atMost(TIMEOUT).until(() -> replicas() == 2);
        releasePods();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(phase()).isEqualTo(InstancePhase.Ready));
        List<String> oldPods = podUids();

        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(namespace.name).withName("forum"), i -> {
            i.getSpec().setImage(IMAGE_B);
            return i;
        });
        // the controller replaces one pod, whose readiness the held namespace keeps back
        await().atMost(TIMEOUT).until(() -> IMAGE_B.equals(image(sts())) && !podUids().equals(oldPods));

        down.stop();
        recheckNow(down);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(relationCondition(down, "Connected")).get().extracting(Condition::getStatus).isEqualTo("False");
            assertThat(sts().getSpec().getUpdateStrategy().getRollingUpdate()).isNotNull()
                    .extracting(r -> r.getPartition()).as("the rollout held where it is").isEqualTo(2);
        });
        releasePods();
        List<String> during = podUids();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> podUids().equals(during));
        assertThat(during).as("one old pod still serves").containsAnyElementsOf(oldPods);
        assertThat(replicas()).as("no scale-down").isEqualTo(2);
        assertThat(jobsOf("post").stream().filter(j -> IMAGE_B.equals(imageOf(j)))).as("the next step waits for the server")
                .isEmpty();

        down.start();
        long back = System.nanoTime();
        await().atMost(RECOVERY).until(() -> {
            releaseRunningPods();
            return phase() == InstancePhase.Ready;
        });
        recovered("during an upgrade's rollout (to Ready, the rest of the rollout and post-deployment Job included)",
                down, back);
        assertThat(podUids()).doesNotContainAnyElementsOf(oldPods);
        assertThat(jobsOf("pre").stream().filter(j -> IMAGE_B.equals(imageOf(j)))).hasSize(1);
        assertThat(jobsOf("post").stream().filter(j -> IMAGE_B.equals(imageOf(j)))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Dependency.class)
    void downAcrossAnOperatorRestartLeavesTheForumRunning(Dependency down) {
        readyForum();
        Untouched before = untouched();

        operator.kill();
        down.stop();
        operator = OperatorProcess.start(server, "operator-outages-restart-" + namespace.name);
        await().atMost(TIMEOUT).untilAsserted(() -> assertDegraded(down));
        before.assertStill();

        down.start();
        long back = System.nanoTime();
        await().atMost(RECOVERY).untilAsserted(() -> assertRecovered(down));
        recovered("across an operator restart", down, back);
        before.assertStill();
    }

    /**
     * A server that accepts TCP and never answers: each check gives up within its own timeouts, the relation
     * says the server cannot be reached, and another forum's relations, checked meanwhile, become Ready.
     */
    @org.junit.jupiter.api.Test
    void aServerThatNeverAnswersIsGivenUpOnInBoundedTimeWhileOtherForumsGoOn() {
        namespace = TestNamespace.withSucceedingJobs(server.client(), "it-out-hung-");
        client = server.client();
        try (HungServer hung = HungServer.start()) {
            var stuck = new ServerBackedRelations(client, namespace.name, postgres, "hung", redis);
            stuck.instance("stuck", 1);
            client.resource(new SecretBuilder().withNewMetadata().withName("hung-db").withNamespace(namespace.name)
                    .endMetadata().addToStringData("host", hung.host()).addToStringData("port", Integer.toString(hung.port()))
                    .addToStringData("dbname", "hung").addToStringData("user", "hung").addToStringData("password", "x")
                    .addToStringData("sslmode", "disable").build()).create();
            stuck.redisSecret("hung-redis", "x");
            stuck.databaseRelation("stuck-db", "stuck", "hung-db", null, null);
            RedisRelation hungRedis = stuck.redisRelation("stuck-cache", "stuck", "hung-redis");
            Edits.edit(client.resource(hungRedis), r -> {
                r.getSpec().setHost(hung.host());
                r.getSpec().setPort(hung.port());
                return r;
            });
            long created = System.nanoTime();
            forum(IMAGE_B, 1);

            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(phase())
                    .as("the healthy forum converges meanwhile").isEqualTo(InstancePhase.Ready));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                DatabaseRelation db = client.resources(DatabaseRelation.class).inNamespace(namespace.name)
                        .withName("stuck-db").get();
                RedisRelation cache = client.resources(RedisRelation.class).inNamespace(namespace.name)
                        .withName("stuck-cache").get();
                assertThat(db.getStatus()).as("checked").isNotNull();
                assertThat(cache.getStatus()).as("checked").isNotNull();
                for (var relation : List.of(db.getStatus().getConditions(), cache.getStatus().getConditions())) {
                    assertThat(relation).filteredOn(c -> c.getType().equals("Connected")).singleElement().satisfies(c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo("Unreachable");
                        assertThat(c.getMessage()).contains(hung.host() + ":" + hung.port());
                    });
                }
            });
            assertThat(Duration.ofNanos(System.nanoTime() - created)).as("each check is bounded by its own timeouts")
                    .isLessThan(Duration.ofSeconds(60));
            assertThat(hung.accepted()).as("the checks did reach the server").isGreaterThanOrEqualTo(2);
            assertThat(client.apps().statefulSets().inNamespace(namespace.name).withName("stuck").get().getSpec()
                    .getReplicas()).isZero();
        }
    }

    // --- fixture ------------------------------------------------------------------------------------------

    private void readyForum() {
        namespace = TestNamespace.withSucceedingJobs(server.client(), "it-out-ready-");
        client = server.client();
        forum(IMAGE_B, 1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instance().getStatus()).isNotNull()
                .extracting(s -> s.getPhase()).isEqualTo(InstancePhase.Ready));
    }

    private void forum(String image, int replicas) {
        String database = "outages" + (++databases);
        postgresUp(() -> postgres.createAppDatabase(database, database, DB_PASSWORD));
        var forum = new ServerBackedRelations(client, namespace.name, postgres, database, redis);
        forum.instance("forum", replicas);
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(namespace.name).withName("forum"), i -> {
            i.getSpec().setImage(image);
            return i;
        });
        forum.dbSecret("db-app", DB_PASSWORD);
        forum.redisSecret("redis-pw", REDIS_PASSWORD);
        forum.databaseRelation("db", "forum", "db-app", null, null);
        forum.redisRelation("cache", "forum", "redis-pw");
    }

    /**
     * The relations' periodic recheck (every 5 minutes at rest), brought forward: their Secret changes in a key
     * they do not read, which wakes them without changing anything they apply.
     */
    private void recheckNow(Dependency down) {
        client.secrets().inNamespace(namespace.name).withName(down.secret()).edit(s -> {
            s.getData().put("unrelated", java.util.Base64.getEncoder().encodeToString(
                    Long.toString(System.nanoTime()).getBytes()));
            return s;
        });
    }

    private static void recovered(String kase, Dependency down, long backNanos) {
        RECOVERIES.put(kase + " " + down, (System.nanoTime() - backNanos) / 1e9);
    }

    /** The database of a case is made while PostgreSQL runs, even when the case starts with it down. */
    private static void postgresUp(Runnable action) {
        boolean wasDown = !postgres.isRunning();
        if (wasDown) {
            postgres.start();
        }
        action.run();
        if (wasDown) {
            postgres.stop();
        }
    }

    private void assertDegraded(Dependency down) {
        assertThat(relationCondition(down, "Connected")).get().extracting(Condition::getReason).isEqualTo("Unreachable");
        assertThat(instanceCondition(down.instanceCondition)).get().extracting(Condition::getReason)
                .isEqualTo("RunningDegraded");
        assertThat(phase()).isEqualTo(InstancePhase.Degraded);
        assertThat(instanceCondition("Ready")).get().extracting(Condition::getStatus).isEqualTo("True");
    }

    private void assertRecovered(Dependency down) {
        assertThat(phase()).isEqualTo(InstancePhase.Ready);
        assertThat(instanceCondition(down.instanceCondition)).get().extracting(Condition::getStatus).isEqualTo("True");
    }

    /** What an outage must leave as it was: the replicas, the pod template, the pods, the migrations run. */
    private Untouched untouched() {
        StatefulSet sts = sts();
        return new Untouched(sts.getSpec().getReplicas(), sts.getSpec().getTemplate(), podUids(), jobs().size());
    }

    private final class Untouched {
        final int replicas;
        final PodTemplateSpec template;
        final List<String> pods;
        final int jobs;

        Untouched(int replicas, PodTemplateSpec template, List<String> pods, int jobs) {
            this.replicas = replicas;
            this.template = template;
            this.pods = pods;
            this.jobs = jobs;
        }

        void assertStill() {
            StatefulSet now = sts();
            assertThat(now.getSpec().getReplicas()).as("no scale-down").isEqualTo(replicas);
            assertThat(now.getSpec().getTemplate()).as("no pod-template change").isEqualTo(template);
            assertThat(podUids()).as("no pod restarted or replaced").isEqualTo(pods);
            assertThat(jobs()).as("no migration run again").hasSize(jobs);
        }
    }

    /** Until every pod of the workload is ready, lets each running one pass its readiness check. */
    private void releasePods() {
        await().atMost(TIMEOUT).until(() -> {
            List<Pod> pods = releaseRunningPods();
            return !pods.isEmpty() && pods.stream().allMatch(SimulatedPods::ready);
        });
    }

    private List<Pod> releaseRunningPods() {
        List<Pod> pods = workloadPods();
        pods.stream().filter(p -> "Running".equals(p.getStatus().getPhase()) && !SimulatedPods.ready(p))
                .forEach(p -> SimulatedPods.setReady(client, p, true));
        return pods;
    }

    private Job awaitRunningJob(String step) {
        return await().atMost(TIMEOUT).until(() -> runningJob(step), j -> j != null);
    }

    private Job runningJob(String step) {
        return jobsOf(step).stream().filter(j -> !SimulatedPods.finished(j)).findFirst().orElse(null);
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(namespace.name).list().getItems();
    }

    private List<Job> jobsOf(String step) {
        Predicate<Job> ofStep = j -> step.equals(j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP));
        return jobs().stream().filter(ofStep).toList();
    }

    private static String imageOf(Job job) {
        return job.getMetadata().getAnnotations().get(MigrationJobs.ANNOTATION_IMAGE);
    }

    private List<Pod> workloadPods() {
        return client.pods().inNamespace(namespace.name).withLabels(sts().getSpec().getSelector().getMatchLabels()).list()
                .getItems();
    }

    private List<String> podUids() {
        return workloadPods().stream().map(p -> p.getMetadata().getUid()).sorted().toList();
    }

    private int replicas() {
        StatefulSet sts = sts();
        return sts == null || sts.getSpec().getReplicas() == null ? 0 : sts.getSpec().getReplicas();
    }

    private static String image(StatefulSet sts) {
        return sts == null ? null : sts.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    private InstancePhase phase() {
        DiscourseInstance instance = instance();
        return instance == null || instance.getStatus() == null ? null : instance.getStatus().getPhase();
    }

    private DiscourseInstance instance() {
        return client.resources(DiscourseInstance.class).inNamespace(namespace.name).withName("forum").get();
    }

    private StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(namespace.name).withName("forum").get();
    }

    private Optional<Condition> instanceCondition(String type) {
        var status = instance().getStatus();
        return status == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private Optional<Condition> relationCondition(Dependency dependency, String type) {
        HasMetadata relation = client.resources(dependency.relation).inNamespace(namespace.name)
                .withName(dependency.relationName).get();
        List<Condition> conditions = relation instanceof DatabaseRelation db
                ? db.getStatus() == null ? List.of() : db.getStatus().getConditions()
                : ((RedisRelation) relation).getStatus() == null ? List.of() : ((RedisRelation) relation).getStatus().getConditions();
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
