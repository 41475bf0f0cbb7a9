package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.OperatorProcess;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The case a user found: a forum Ready with one pod, PostgreSQL stopped, and the operator restarted during the
 * outage, so every relation is checked afresh while the server is down. The forum keeps running: no scale-down,
 * no new pod template, the same pod, no migration run again; the status says it runs degraded; and when
 * PostgreSQL returns, it is Ready again within 30 s without anything restarted. The packaged jar runs as its own
 * JVM (Failsafe, after {@code package}).
 */
@RequiresKubeApiServer
class OutageAcrossRestartPackagedIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String DB_PASSWORD = "outage-db-pw";
    private static final String REDIS_PASSWORD = "outage-redis-pw";

    static KubeApiServer server;
    static PostgresServer postgres;
    static RedisServer redis;
    KubernetesClient client;
    TestNamespace namespace;
    OperatorProcess operator;

    @BeforeAll
    static void servers() {
        server = KubeApiServer.shared();
        Crds.applyGenerated(server.client());
        postgres = PostgresServer.startNew();
        postgres.createAppDatabase("outage", "outage", DB_PASSWORD);
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
    void namespace() {
        client = server.client();
        namespace = TestNamespace.withSucceedingJobs(client, "it-outage-");
    }

    @AfterEach
    void stop() {
        if (operator != null) {
            operator.close();
        }
        namespace.close();
    }

    @Test
    void aDatabaseDownAcrossAnOperatorRestartLeavesTheForumRunning() {
        var forum = new ServerBackedRelations(client, namespace.name, postgres, "outage", redis);
        forum.instance("forum", 1);
        forum.dbSecret("db-app", DB_PASSWORD);
        forum.redisSecret("redis-pw", REDIS_PASSWORD);
        forum.databaseRelation("db", "forum", "db-app", null, null);
        forum.redisRelation("cache", "forum", "redis-pw");
        operator = OperatorProcess.start(server, "operator-outage-" + namespace.name + "-1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instance().getStatus()).isNotNull()
                .extracting(s -> s.getPhase()).isEqualTo(InstancePhase.Ready));
        StatefulSet before = sts();
        String podUid = podUid();
        int jobs = client.batch().v1().jobs().inNamespace(namespace.name).list().getItems().size();

        operator.kill();
        postgres.stop();
        try {
            operator = OperatorProcess.start(server, "operator-outage-" + namespace.name + "-2");
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(relationCondition("Connected")).get().extracting(Condition::getReason).isEqualTo("Unreachable");
                assertThat(instanceCondition("DatabaseReady")).get().extracting(Condition::getReason)
                        .isEqualTo("RunningDegraded");
                assertThat(instance().getStatus().getPhase()).isEqualTo(InstancePhase.Degraded);
                assertThat(instanceCondition("Ready")).get().extracting(Condition::getStatus).isEqualTo("True");
            });
            assertUntouched(before, podUid, jobs);
        } finally {
            postgres.start();
        }
        // Nothing in the cluster changes: the relation's own retry finds the server back.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(instance().getStatus().getPhase()).isEqualTo(InstancePhase.Ready);
            assertThat(instanceCondition("DatabaseReady")).get().extracting(Condition::getStatus).isEqualTo("True");
        });
        assertUntouched(before, podUid, jobs);
    }

    private void assertUntouched(StatefulSet before, String podUid, int jobs) {
        StatefulSet now = sts();
        assertThat(now.getSpec().getReplicas()).as("no scale-down").isEqualTo(before.getSpec().getReplicas());
        assertThat(now.getMetadata().getGeneration()).as("no pod-template change")
                .isEqualTo(before.getMetadata().getGeneration());
        assertThat(podUid()).as("no restart").isEqualTo(podUid);
        assertThat(client.batch().v1().jobs().inNamespace(namespace.name).list().getItems()).as("no migration again")
                .hasSize(jobs);
    }

    private DiscourseInstance instance() {
        return client.resources(DiscourseInstance.class).inNamespace(namespace.name).withName("forum").get();
    }

    private StatefulSet sts() {
        return client.apps().statefulSets().inNamespace(namespace.name).withName("forum").get();
    }

    private String podUid() {
        return client.pods().inNamespace(namespace.name).withName("forum-0").get().getMetadata().getUid();
    }

    private Optional<Condition> instanceCondition(String type) {
        var status = instance().getStatus();
        return status == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private Optional<Condition> relationCondition(String type) {
        var status = client.resources(DatabaseRelation.class).inNamespace(namespace.name).withName("db").get().getStatus();
        return status == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
