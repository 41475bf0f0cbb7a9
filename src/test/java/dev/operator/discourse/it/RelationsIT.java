package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.AdminSecretRef;
import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.relation.RelationSecrets;
import dev.operator.discourse.relation.database.DatabaseEnv;
import dev.operator.discourse.relation.database.DatabaseRelationReconciler;
import dev.operator.discourse.relation.observability.ObservabilityRelationReconciler;
import dev.operator.discourse.relation.redis.RedisEnv;
import dev.operator.discourse.relation.redis.RedisRelationReconciler;
import dev.operator.discourse.testsupport.Edits;
import dev.operator.discourse.testsupport.InformerCaches;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.OperatorEvents;
import dev.operator.discourse.testsupport.ManagedFields;
import dev.operator.discourse.testsupport.PostgresServer;
import dev.operator.discourse.testsupport.RedisServer;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.FieldManagers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The database and Redis relation reconcilers against a real kube-apiserver, a private PostgreSQL 15 and a
 * private Redis 7: nothing on the path under test is mocked. Ownership of the StatefulSet's fields is read
 * back from managedFields as the API server recorded it.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class RelationsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    private static final String APP_PASSWORD = "pg-app-secret-1";
    private static final String REDIS_PASSWORD = "redis-secret-1";
    private static final Set<String> DB_ENV = Set.of("DISCOURSE_DB_HOST", "DISCOURSE_DB_PORT", "DISCOURSE_DB_NAME",
            "DISCOURSE_DB_USERNAME", "DISCOURSE_DB_PASSWORD", "DISCOURSE_DB_BACKUP_HOST", "DISCOURSE_DB_BACKUP_PORT",
            "PGSSLMODE");
    private static final Set<String> REDIS_ENV = Set.of("DISCOURSE_REDIS_HOST", "DISCOURSE_REDIS_PORT",
            "DISCOURSE_REDIS_PASSWORD", "DISCOURSE_REDIS_USE_SSL", "DISCOURSE_REDIS_DB");

    static PostgresServer postgres;
    static RedisServer redis;
    static int databases;

    @Inject
    Operator operator;

    KubernetesClient client;
    String ns;
    TestNamespace namespace;
    String database;

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
        namespace = TestNamespace.withSucceedingJobs(client, "it-rel-");
        ns = namespace.name;
        database = "forum" + (++databases);
        postgres.createAppDatabase(database, database, APP_PASSWORD);
    }

    @AfterEach
    void cleanup() {
        namespace.close();
    }

    @Test
    void bothRelationsReadyScaleTheWorkloadAndEachOwnsExactlyItsFields() throws Exception {
        instance("forum", 2);
        bothRelationsReady("forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(2));

        DatabaseRelation db = get(DatabaseRelation.class, "db");
        assertThat(db.getStatus().getServerVersion()).startsWith("15");
        assertThat(db.getStatus().getEndpoint()).isEqualTo("127.0.0.1:" + postgres.port() + "/" + database);
        RedisRelation cache = get(RedisRelation.class, "cache");
        assertThat(cache.getStatus().getServerVersion()).startsWith("7");
        assertThat(cache.getStatus().getEndpoint()).isEqualTo("127.0.0.1:" + redis.port() + "/0");
        try (var c = postgres.connectAsSuperuser(database);
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_extension "
                        + "WHERE extname IN ('hstore','pg_trgm','unaccent')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }

        StatefulSet sts = sts("forum");
        assertThat(envVar(sts, "DISCOURSE_DB_PASSWORD").getValue()).isNull();
        assertThat(envVar(sts, "DISCOURSE_DB_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("db-app");
        assertThat(envVar(sts, "DISCOURSE_REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-pw");
        assertThat(env(sts, "DISCOURSE_REDIS_HOST")).isEqualTo("127.0.0.1");
        assertThat(env(sts, "DISCOURSE_REDIS_PORT")).isEqualTo(Integer.toString(redis.port()));
        assertThat(env(sts, "DISCOURSE_REDIS_USE_SSL")).isEqualTo("false");
        assertThat(env(sts, "DISCOURSE_REDIS_DB")).isEqualTo("0");

        assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).isEqualTo(DB_ENV);
        assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).isEqualTo(REDIS_ENV);
        assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.DATABASE))
                .containsExactly(DatabaseEnv.CHECKSUM_ANNOTATION);
        assertThat(ManagedFields.templateAnnotations(sts, FieldManagers.REDIS)).containsExactly(RedisEnv.CHECKSUM_ANNOTATION);
        assertThat(ManagedFields.env(sts, FieldManagers.INSTANCE)).isNotEmpty()
                .doesNotContainAnyElementsOf(DB_ENV).doesNotContainAnyElementsOf(REDIS_ENV);

        // The StatefulSet controller makes both pods; the simulated nodes run them and report them ready.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getStatus().getReadyReplicas()).isEqualTo(2));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instanceCondition("forum", "Ready")).get()
                .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True")));
    }

    @Test
    void wrongPasswordsAreReportedWithoutThePasswordAndRecoverWhenTheSecretIsFixed() {
        instance("forum", 1);
        dbSecret("db-app", "wrong-pg-pw-77");
        redisSecret("redis-pw", "wrong-redis-pw-77");
        databaseRelation("db", "forum", "db-app");
        redisRelation("cache", "forum", "redis-pw");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition(DatabaseRelation.class, "db", "Connected")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("AuthenticationFailed");
                assertThat(c.getMessage()).contains(database);
            });
            assertThat(condition(RedisRelation.class, "cache", "Connected")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("AuthenticationFailed");
            });
            assertThat(events()).anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("db"))
                    .anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("cache"));
        });
        assertThat(sts("forum").getSpec().getReplicas()).isZero();
        assertThat(instanceCondition("forum", "DatabaseReady")).get().extracting(Condition::getMessage).asString()
                .startsWith("Waiting for database relation");
        String everythingSaid = client.resources(DatabaseRelation.class).inNamespace(ns).withName("db").get().getStatus()
                + " " + client.resources(RedisRelation.class).inNamespace(ns).withName("cache").get().getStatus()
                + " " + events().stream().map(Event::getMessage).toList();
        assertThat(everythingSaid).doesNotContain("wrong-pg-pw-77").doesNotContain("wrong-redis-pw-77");

        dbSecret("db-app", APP_PASSWORD);
        redisSecret("redis-pw", REDIS_PASSWORD);
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1));
    }

    @Test
    void serversDownThenUpAreRetriedWithBackoff() {
        instance("forum", 1);
        dbSecret("db-app", APP_PASSWORD);
        redisSecret("redis-pw", REDIS_PASSWORD);
        postgres.stop();
        redis.stop();
        try {
            databaseRelation("db", "forum", "db-app");
            redisRelation("cache", "forum", "redis-pw");
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(condition(DatabaseRelation.class, "db", "Connected")).get()
                        .extracting(Condition::getReason).isEqualTo("Unreachable");
                assertThat(condition(RedisRelation.class, "cache", "Connected")).get()
                        .extracting(Condition::getReason).isEqualTo("Unreachable");
            });
        } finally {
            postgres.start();
            redis.start();
        }
        // Nothing changed in the cluster: only the backoff brings the relations back.
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");
    }

    /**
     * The rule of the fault tier: a database that blinks never takes the forum down. The operator holds back
     * what has not happened yet; it does not scale down or re-template pods that run because a check failed.
     */
    @Test
    void aDatabaseThatGoesDownAfterReadyLeavesTheRunningForumAlone() {
        instance("forum", 1);
        bothRelationsReady("forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instanceCondition("forum", "Ready")).get()
                .extracting(Condition::getStatus).isEqualTo("True"));
        StatefulSet before = sts("forum");
        String podUid = client.pods().inNamespace(ns).withName("forum-0").get().getMetadata().getUid();

        postgres.stop();
        try {
            // the periodic recheck, brought forward: the relation's Secret changes in a key it does not read
            dbSecretTouch("db-app", "1");
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(condition(DatabaseRelation.class, "db", "Connected")).get()
                        .extracting(Condition::getReason).isEqualTo("Unreachable");
                assertThat(instanceCondition("forum", "DatabaseReady")).get().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("RunningDegraded");
                });
                assertThat(instanceCondition("forum", "Ready")).get().satisfies(c -> {
                    assertThat(c.getStatus()).as("the pods still serve").isEqualTo("True");
                    assertThat(c.getReason()).isEqualTo("ReadyDegraded");
                });
                assertThat(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum").get()
                        .getStatus().getPhase()).isEqualTo(InstancePhase.Degraded);
            });
            assertUntouched(before, podUid);
        } finally {
            postgres.start();
        }
        dbSecretTouch("db-app", "2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(instanceCondition("forum", "DatabaseReady")).get().extracting(Condition::getStatus).isEqualTo("True");
            assertThat(instanceCondition("forum", "Ready")).get().extracting(Condition::getReason).isEqualTo("Ready");
        });
        assertUntouched(before, podUid);
    }

    @Test
    void aSpecEditDuringAnOutageIsWrittenButRolledOutOnlyOnceTheServerIsBack() {
        instance("forum", 1);
        bothRelationsReady("forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instanceCondition("forum", "Ready")).get()
                .extracting(Condition::getStatus).isEqualTo("True"));
        String podUid = client.pods().inNamespace(ns).withName("forum-0").get().getMetadata().getUid();

        postgres.stop();
        try {
            dbSecretTouch("db-app", "1");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.resources(DiscourseInstance.class)
                    .inNamespace(ns).withName("forum").get().getStatus().getPhase()).isEqualTo(InstancePhase.Degraded));
            Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
                i.getSpec().setUnicornWorkers(5);
                return i;
            });
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(env(sts("forum"), "UNICORN_WORKERS")).as("the user's edit is written").isEqualTo("5");
                assertThat(sts("forum").getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(1);
            });
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> podUid.equals(podUid("forum-0")));
        } finally {
            postgres.start();
        }
        dbSecretTouch("db-app", "2");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            // between the old pod's deletion and the new one's creation there is no forum-0 at all
            assertThat(podUid("forum-0")).as("rolled out once the database is back").isNotNull().isNotEqualTo(podUid);
            assertThat(instanceCondition("forum", "Ready")).get().extracting(Condition::getReason).isEqualTo("Ready");
        });
        var rolling = sts("forum").getSpec().getUpdateStrategy().getRollingUpdate();
        assertThat(rolling == null || rolling.getPartition() == null || rolling.getPartition() == 0)
                .as("the partition released (the API server defaults it to 0)").isTrue();
    }

    private String podUid(String name) {
        var pod = client.pods().inNamespace(ns).withName(name).get();
        return pod == null ? null : pod.getMetadata().getUid();
    }

    /** No scale-down, no new pod template, the same pod: nothing was restarted. */
    private void assertUntouched(StatefulSet before, String podUid) {
        StatefulSet now = sts("forum");
        assertThat(now.getSpec().getReplicas()).as("no scale-down").isEqualTo(before.getSpec().getReplicas());
        // the generation also counts the held rollout's partition: the template itself is what must not change
        assertThat(now.getSpec().getTemplate()).as("no pod-template change").isEqualTo(before.getSpec().getTemplate());
        assertThat(client.pods().inNamespace(ns).withName("forum-0").get().getMetadata().getUid())
                .as("no restart").isEqualTo(podUid);
    }

    private void dbSecretTouch(String name, String value) {
        client.secrets().inNamespace(ns).withName(name).edit(s -> {
            s.getData().put("unrelated", java.util.Base64.getEncoder().encodeToString(value.getBytes()));
            return s;
        });
    }

    @Test
    void discourseAiOnAPlainPostgresIsRefusedBeforeAnyMigrationRuns() {
        fixture().instance("forum", 1);
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getSpec().getAi().setEnabled(true);
            return i;
        });
        bothSecrets();
        databaseRelation("db", "forum", "db-app");
        redisRelation("cache", "forum", "redis-pw");
        awaitReady(RedisRelation.class, "cache");
        // Debian's PostgreSQL 15 has no pgvector, like any server nobody installed it on
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(DatabaseRelation.class, "db", "ExtensionsReady"))
                .get().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("ExtensionUnavailable");
                    assertThat(c.getMessage()).contains("vector").contains("pgvector 0.7");
                }));
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).as("no migration ran").isEmpty();
        assertThat(sts("forum").getSpec().getReplicas()).isZero();
    }

    private void bothSecrets() {
        dbSecret("db-app", APP_PASSWORD);
        redisSecret("redis-pw", REDIS_PASSWORD);
    }

    @Test
    void anExtensionTheAppRoleMayNotCreateNeedsTheAdminRole() throws Exception {
        instance("forum", 1);
        dbSecret("db-app", APP_PASSWORD);
        DatabaseRelation db = databaseRelation("db", "forum", "db-app", List.of("hstore", "file_fdw"), null);

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(DatabaseRelation.class, "db", "ExtensionsReady"))
                .get().satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("InsufficientPrivilege");
                    assertThat(c.getMessage()).contains("may not create extension file_fdw").contains("adminSecretRef");
                }));
        assertThat(condition(DatabaseRelation.class, "db", "Connected")).get().extracting(Condition::getStatus)
                .isEqualTo("True");

        client.resource(new SecretBuilder().withNewMetadata().withName("pg-admin").withNamespace(ns).endMetadata()
                .addToStringData("username", PostgresServer.SUPERUSER)
                .addToStringData("password", postgres.superuserPassword()).build()).create();
        Edits.edit(client.resources(DatabaseRelation.class).inNamespace(ns).withName(db.getMetadata().getName()), r -> {
            r.getSpec().setAdminSecretRef(new AdminSecretRef("pg-admin"));
            return r;
        });
        awaitReady(DatabaseRelation.class, "db");
        try (var c = postgres.connectAsSuperuser(database);
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'file_fdw'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void rotatingASecretRollsOnlyItsChecksum() throws Exception {
        instance("forum", 1);
        bothRelationsReady("forum");
        await().atMost(TIMEOUT).until(() -> annotation(sts("forum"), RedisEnv.CHECKSUM_ANNOTATION) != null
                && annotation(sts("forum"), DatabaseEnv.CHECKSUM_ANNOTATION) != null);
        String dbSum = annotation(sts("forum"), DatabaseEnv.CHECKSUM_ANNOTATION);
        String redisSum = annotation(sts("forum"), RedisEnv.CHECKSUM_ANNOTATION);

        postgres.execute("postgres", "ALTER ROLE " + database + " PASSWORD 'pg-app-secret-2'");
        dbSecret("db-app", "pg-app-secret-2");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(annotation(sts("forum"), DatabaseEnv.CHECKSUM_ANNOTATION))
                .isNotEqualTo(dbSum));
        assertThat(annotation(sts("forum"), RedisEnv.CHECKSUM_ANNOTATION)).isEqualTo(redisSum);
        assertThat(envVar(sts("forum"), "DISCOURSE_DB_PASSWORD").getValue()).isNull();
        awaitReady(DatabaseRelation.class, "db");

        redis.command("CONFIG", "SET", "requirepass", "redis-secret-2");
        try {
            redisSecret("redis-pw", "redis-secret-2");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(annotation(sts("forum"), RedisEnv.CHECKSUM_ANNOTATION))
                    .isNotEqualTo(redisSum));
            awaitReady(RedisRelation.class, "cache");
        } finally {
            // The server's config file still holds the first password: a restart restores it for the other tests.
            redis.stop();
            redis.start();
        }
    }

    @Test
    void deletingARelationRemovesExactlyItsFieldsAndOthersSurviveEveryReconcile() {
        instance("forum", 1);
        bothRelationsReady("forum");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("forum").getSpec().getReplicas()).isEqualTo(1));

        // Each reconciler in turn re-applies its own part; the others' fields stay as they were.
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getSpec().setUnicornWorkers(5);
            return i;
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env(sts("forum"), "UNICORN_WORKERS")).isEqualTo("5"));
        Edits.edit(client.resources(RedisRelation.class).inNamespace(ns).withName("cache"), r -> {
            r.getSpec().setDb(3);
            return r;
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env(sts("forum"), "DISCOURSE_REDIS_DB")).isEqualTo("3"));
        StatefulSet sts = sts("forum");
        assertThat(ManagedFields.env(sts, FieldManagers.DATABASE)).isEqualTo(DB_ENV);
        assertThat(ManagedFields.env(sts, FieldManagers.REDIS)).isEqualTo(REDIS_ENV);
        assertThat(env(sts, "UNICORN_WORKERS")).isEqualTo("5");
        assertThat(envVar(sts, "DISCOURSE_DB_HOST")).isNotNull();

        client.resources(DatabaseRelation.class).inNamespace(ns).withName("db").delete();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet after = sts("forum");
            assertThat(envNames(after)).doesNotContainAnyElementsOf(DB_ENV).containsAll(REDIS_ENV)
                    .contains("UNICORN_WORKERS", "DISCOURSE_HOSTNAME");
            assertThat(annotation(after, DatabaseEnv.CHECKSUM_ANNOTATION)).isNull();
            assertThat(annotation(after, RedisEnv.CHECKSUM_ANNOTATION)).isNotNull();
            assertThat(ManagedFields.env(after, FieldManagers.DATABASE)).isEmpty();
            assertThat(ManagedFields.env(after, FieldManagers.REDIS)).isEqualTo(REDIS_ENV);
            assertThat(after.getSpec().getReplicas()).isZero();
            assertThat(get(DatabaseRelation.class, "db")).isNull();
        });
        // the status is written after the StatefulSet, by the reconcile that applied it or the next one
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(instanceCondition("forum", "DatabaseReady")).get()
                .extracting(Condition::getMessage).isEqualTo("Waiting for database relation"));
        assertThat(env(sts("forum"), "DISCOURSE_REDIS_DB")).isEqualTo("3");
    }

    @Test
    void aConvergedSetOfRelationsWritesNothingOnResync() throws InterruptedException {
        instance("forum", 1);
        bothRelationsReady("forum");
        await().atMost(TIMEOUT).until(() -> sts("forum").getSpec().getReplicas() == 1
                && instanceCondition("forum", "RedisReady").map(c -> "True".equals(c.getStatus())).orElse(false)
                && instanceCondition("forum", "DatabaseReady").map(c -> "True".equals(c.getStatus())).orElse(false));
        Thread.sleep(2000);
        Map<String, String> before = versions();

        // A change to the instance's metadata wakes all three reconcilers; none may find anything to write.
        Edits.edit(client.resources(DiscourseInstance.class).inNamespace(ns).withName("forum"), i -> {
            i.getMetadata().setLabels(Map.of("unrelated", "touch"));
            return i;
        });
        Thread.sleep(4000);
        Map<String, String> after = versions();
        after.remove("instance");
        before.remove("instance");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void twoInstancesNeverSeeEachOthersRelations() {
        instance("alpha", 1);
        instance("beta", 1);
        bothRelationsReady("alpha");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("alpha").getSpec().getReplicas()).isEqualTo(1));

        StatefulSet beta = sts("beta");
        assertThat(envNames(beta)).doesNotContainAnyElementsOf(DB_ENV).doesNotContainAnyElementsOf(REDIS_ENV);
        assertThat(beta.getSpec().getReplicas()).isZero();
        assertThat(ManagedFields.managers(beta)).doesNotContain(FieldManagers.DATABASE, FieldManagers.REDIS);
        assertThat(instanceCondition("beta", "DatabaseReady")).get().extracting(Condition::getMessage)
                .isEqualTo("Waiting for database relation");
    }

    @Test
    void aRelationToAMissingInstanceSaysSoAndRecoversWhenItAppears() {
        dbSecret("db-app", APP_PASSWORD);
        redisSecret("redis-pw", REDIS_PASSWORD);
        databaseRelation("db", "later", "db-app");
        redisRelation("cache", "later", "redis-pw");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(condition(DatabaseRelation.class, "db", "Ready")).get().satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("InstanceNotFound");
                assertThat(c.getMessage()).isEqualTo("DiscourseInstance later not found in " + ns);
            });
            assertThat(condition(RedisRelation.class, "cache", "Ready")).get().extracting(Condition::getReason)
                    .isEqualTo("InstanceNotFound");
        });

        instance("later", 1);
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(sts("later").getSpec().getReplicas()).isEqualTo(1));
    }

    // --- fixtures -------------------------------------------------------------------------------------

    @Test
    void onlyTheSecretsARelationNamesAreLabelledAndCached() {
        client.resource(new SecretBuilder().withNewMetadata().withName("bystander").withNamespace(ns).endMetadata()
                .addToStringData("token", "someone-elses").build()).create();
        instance("forum", 1);
        bothRelationsReady("forum");

        for (String name : List.of("db-app", "redis-pw")) {
            Secret secret = client.secrets().inNamespace(ns).withName(name).get();
            assertThat(secret.getMetadata().getLabels()).as(name).containsEntry(RelationSecrets.WATCHED_LABEL, "true");
            // the label alone, under its own field manager: the user's Secret stays the user's
            // ("." is the labels map itself, when the Secret had no labels before)
            String label = "f:" + RelationSecrets.WATCHED_LABEL;
            assertThat(ManagedFields.owned(secret, FieldManagers.SECRET_WATCH)).as(name).singleElement().isIn(
                    Map.of("f:metadata", Map.of("f:labels", Map.of(label, Map.of()))),
                    Map.of("f:metadata", Map.of("f:labels", Map.of(".", Map.of(), label, Map.of()))));
        }
        assertThat(client.secrets().inNamespace(ns).withName("bystander").get().getMetadata().getLabels())
                .isNullOrEmpty();
        // one label for all relation kinds, and one cache they share: it holds the Secrets that any relation names
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(InformerCaches.names(operator, DatabaseRelationReconciler.NAME, Secret.class, ns))
                    .containsExactlyInAnyOrder("db-app", "redis-pw");
            assertThat(InformerCaches.names(operator, RedisRelationReconciler.NAME, Secret.class, ns))
                    .containsExactlyInAnyOrder("db-app", "redis-pw");
        });
        assertThat(InformerCaches.names(operator, ObservabilityRelationReconciler.NAME, Secret.class, ns)).isEmpty();
        assertThat(InformerCaches.namesInAnyController(operator, Secret.class, ns)).doesNotContain("bystander");
    }

    @Test
    void aSecretCreatedAfterItsRelationIsFoundWithoutAnyEvent() {
        instance("forum", 1);
        databaseRelation("db", "forum", "db-app");
        redisRelation("cache", "forum", "redis-pw");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(DatabaseRelation.class, "db", "Connected"))
                .get().satisfies(c -> {
                    assertThat(c.getReason()).isEqualTo("SecretNotFound");
                    assertThat(c.getMessage()).contains("db-app");
                }));
        // created without the label: no informer of the operator's sees it, the recheck finds it
        dbSecret("db-app", APP_PASSWORD);
        redisSecret("redis-pw", REDIS_PASSWORD);
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");
        assertThat(client.secrets().inNamespace(ns).withName("db-app").get().getMetadata().getLabels())
                .containsEntry(RelationSecrets.WATCHED_LABEL, "true");
    }

    /** Secrets with the right passwords and both relations to the instance, awaited until Ready. */
    private void bothRelationsReady(String instance) {
        dbSecret("db-app", APP_PASSWORD);
        redisSecret("redis-pw", REDIS_PASSWORD);
        databaseRelation("db", instance, "db-app");
        redisRelation("cache", instance, "redis-pw");
        awaitReady(DatabaseRelation.class, "db");
        awaitReady(RedisRelation.class, "cache");
    }

    private ServerBackedRelations fixture() {
        return new ServerBackedRelations(client, ns, postgres, database, redis);
    }

    private void instance(String name, int replicas) {
        fixture().instance(name, replicas);
    }

    private void dbSecret(String name, String password) {
        fixture().dbSecret(name, password);
    }

    private void redisSecret(String name, String password) {
        fixture().redisSecret(name, password);
    }

    private DatabaseRelation databaseRelation(String name, String instance, String secret) {
        return databaseRelation(name, instance, secret, null, null);
    }

    private DatabaseRelation databaseRelation(String name, String instance, String secret, List<String> extensions,
            String adminSecret) {
        return fixture().databaseRelation(name, instance, secret, extensions, adminSecret);
    }

    private RedisRelation redisRelation(String name, String instance, String passwordSecret) {
        return fixture().redisRelation(name, instance, passwordSecret);
    }

    private <T extends HasMetadata> T get(Class<T> kind, String name) {
        return client.resources(kind).inNamespace(ns).withName(name).get();
    }

    private StatefulSet sts(String instance) {
        return client.apps().statefulSets().inNamespace(ns).withName(instance).get();
    }

    private Optional<Condition> condition(Class<? extends HasMetadata> kind, String name, String type) {
        HasMetadata resource = get(kind, name);
        List<Condition> conditions = resource instanceof DatabaseRelation d && d.getStatus() != null
                ? d.getStatus().getConditions()
                : resource instanceof RedisRelation r && r.getStatus() != null ? r.getStatus().getConditions() : List.of();
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private Optional<Condition> instanceCondition(String name, String type) {
        DiscourseInstance i = get(DiscourseInstance.class, name);
        if (i == null || i.getStatus() == null) {
            return Optional.empty();
        }
        return i.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private void awaitReady(Class<? extends HasMetadata> kind, String name) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(condition(kind, name, "Ready")).as(name + " Ready")
                .get().satisfies(c -> assertThat(c.getStatus()).as(c.getMessage()).isEqualTo("True")));
    }

    private List<Event> events() {
        return OperatorEvents.in(client, ns);
    }

    private Map<String, String> versions() {
        Map<String, String> versions = new java.util.TreeMap<>();
        versions.put("statefulset", sts("forum").getMetadata().getResourceVersion());
        versions.put("instance", get(DiscourseInstance.class, "forum").getMetadata().getResourceVersion());
        versions.put("db", get(DatabaseRelation.class, "db").getMetadata().getResourceVersion());
        versions.put("cache", get(RedisRelation.class, "cache").getMetadata().getResourceVersion());
        versions.put("events", Integer.toString(events().size()));
        return versions;
    }

    private static EnvVar envVar(StatefulSet sts, String name) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).findFirst().orElse(null);
    }

    private static String env(StatefulSet sts, String name) {
        EnvVar var = envVar(sts, name);
        return var == null ? null : var.getValue();
    }

    private static List<String> envNames(StatefulSet sts) {
        return sts.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().map(EnvVar::getName).toList();
    }

    private static String annotation(StatefulSet sts, String key) {
        Map<String, String> annotations = sts.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }
}
