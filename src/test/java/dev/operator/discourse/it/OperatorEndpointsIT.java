package dev.operator.discourse.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

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
import dev.operator.discourse.bench.PromText;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.metrics.MeterNames;
import dev.operator.discourse.observability.content.OperatorMetrics;
import dev.operator.discourse.testsupport.KubeApiServerResource;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import dev.operator.discourse.testsupport.SimulatedPods;
import dev.operator.discourse.testsupport.TestNamespace;
import dev.operator.discourse.workload.JobOutcome;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The operator's own HTTP endpoints, read with rest-assured as a kubelet's probes and a Prometheus scrape read
 * them: liveness, readiness with every controller's informers synced, and on {@code /q/metrics} the JOSDK meters
 * and the operator's own ({@link MeterNames}), with values that follow the cluster. Readiness before the
 * informers have synced cannot be seen here (the test starts once the application has); the packaged operator
 * shows it, {@link OperatorReadinessPackagedIT}.
 */
@QuarkusTest
@RequiresKubeApiServer
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = false)
class OperatorEndpointsIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The name quarkus-operator-sdk gives its readiness check, whose data holds one entry per controller. */
    static final String SDK_CHECK = "Quarkus Operator SDK health check";

    @Inject
    Operator operator;

    KubernetesClient client;
    TestNamespace namespace;
    MigrationWorld world;

    @BeforeEach
    void cluster() {
        client = KubeApiServerResource.client();
    }

    @AfterEach
    void cleanup() {
        if (world != null) {
            world.delete();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpWithEveryControllersInformersSynced() {
        List<String> controllers = operator.getRegisteredControllers().stream()
                .map(c -> c.getConfiguration().getName()).toList();
        assertThat(controllers).contains("discourseinstance", "databaserelation", "redisrelation", "ingressrelation",
                "observabilityrelation", "discourseusertask");
        assertThat(operator.getRegisteredControllers()).as("every event source running, synced and watching")
                .allSatisfy(c -> assertThat(c.getControllerHealthInfo().unhealthyEventSources()).isEmpty());

        Map<String, String> perController = given().when().get("/q/health/ready")
                .then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("UP"))
                .body("checks.find { it.name == '" + SDK_CHECK + "' }.status", equalTo("UP"))
                .extract().jsonPath().getMap("checks.find { it.name == '" + SDK_CHECK + "' }.data", String.class,
                        String.class);
        assertThat(perController).as("the SDK's readiness check, per controller").containsOnlyKeys(controllers)
                .allSatisfy((controller, health) -> assertThat(health).as(controller).isEqualTo("OK"));
    }

    @Test
    void metricsNameTheSdksMetersWithTheReconciledResource() {
        namespace = TestNamespace.create(client, "it-endpoints-");
        client.resource(instance(namespace.name, "sdk-metrics")).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(samples(metrics, OperatorMetrics.RECONCILIATIONS_STARTED,
                    Map.of(OperatorMetrics.TAG_KIND, "DiscourseInstance", OperatorMetrics.TAG_NAME, "sdk-metrics")))
                    .as(OperatorMetrics.RECONCILIATIONS_STARTED).isPositive();
            assertThat(samples(metrics, OperatorMetrics.RECONCILIATIONS_SUCCESS,
                    Map.of(OperatorMetrics.TAG_KIND, "DiscourseInstance", OperatorMetrics.TAG_NAME, "sdk-metrics")))
                    .as(OperatorMetrics.RECONCILIATIONS_SUCCESS).isPositive();
            assertThat(samples(metrics, OperatorMetrics.RECONCILE_SECONDS + "_count",
                    Map.of(OperatorMetrics.TAG_CONTROLLER, "discourseinstance", OperatorMetrics.TAG_RESOURCE_NAME,
                            "sdk-metrics")))
                    .as(OperatorMetrics.RECONCILE_SECONDS).isPositive();
            assertThat(samples(metrics, OperatorMetrics.EVENTS_RECEIVED, Map.of(OperatorMetrics.TAG_NAME, "sdk-metrics")))
                    .as(OperatorMetrics.EVENTS_RECEIVED).isPositive();
            for (String prefix : OperatorMetrics.PER_CONTROLLER_PREFIXES) {
                String gauge = OperatorMetrics.perControllerName(prefix, "discourseinstance");
                assertThat(PromText.samples(metrics, gauge)).as(gauge).isNotEmpty();
            }
        });
    }

    /**
     * One gauge per phase, equal to what the API server holds: an instance without relations is Pending, one whose
     * pre-deployment migration runs is Migrating; counted over every namespace, whatever earlier classes left.
     */
    @Test
    void instancesByPhaseAreWhatTheClusterHolds() {
        namespace = TestNamespace.create(client, "it-endpoints-");
        client.resource(instance(namespace.name, "waiting")).create();
        world = MigrationWorld.withReadyRelations(client, "it-endpoints-mig-");
        world.createInstance(MigrationWorld.V2);
        world.awaitJob("pre");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Map<InstancePhase, Long> held = client.resources(DiscourseInstance.class).inAnyNamespace().list().getItems()
                    .stream().collect(Collectors.groupingBy(OperatorEndpointsIT::phase, Collectors.counting()));
            assertThat(held.getOrDefault(InstancePhase.Pending, 0L)).isPositive();
            assertThat(held.getOrDefault(InstancePhase.Migrating, 0L)).isPositive();
            String metrics = metrics();
            for (InstancePhase phase : InstancePhase.values()) {
                assertThat(samples(metrics, MeterNames.PROMETHEUS_INSTANCES, Map.of(MeterNames.TAG_PHASE, phase.name())))
                        .as("instances %s", phase).isEqualTo(held.getOrDefault(phase, 0L).doubleValue());
            }
        });
    }

    /** Each started Job counted once under its step; the cached Jobs by outcome equal what the API server holds. */
    @Test
    void migrationJobsStartedAndByOutcome() {
        double startedBefore = samples(metrics(), MeterNames.PROMETHEUS_MIGRATION_JOBS_STARTED,
                Map.of(MeterNames.TAG_STEP, "pre"));
        world = MigrationWorld.withReadyRelations(client, "it-endpoints-mig-");
        world.createInstance(MigrationWorld.V2);
        Job pre = world.awaitJob("pre");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = metrics();
            assertThat(samples(metrics, MeterNames.PROMETHEUS_MIGRATION_JOBS_STARTED, Map.of(MeterNames.TAG_STEP, "pre")))
                    .isEqualTo(startedBefore + 1);
            assertJobsByOutcomeAsHeld(metrics, JobOutcome.RUNNING);
        });

        // a failure in a migration itself, not an outage: the planner leaves the Job failed until the spec changes
        SimulatedPods.finish(client, pre, false, "StandardError: An error has occurred, this and all later migrations canceled");
        await().atMost(TIMEOUT).untilAsserted(() -> assertJobsByOutcomeAsHeld(metrics(), JobOutcome.FAILED));
        assertThat(samples(metrics(), MeterNames.PROMETHEUS_MIGRATION_JOBS_STARTED, Map.of(MeterNames.TAG_STEP, "pre")))
                .as("a failed Job is not started again for the same spec").isEqualTo(startedBefore + 1);
    }

    /** Both checks timed under their kind and result word, with the buckets a histogram query needs. */
    @Test
    void relationChecksAreTimedByKindAndResult() throws IOException {
        namespace = TestNamespace.create(client, "it-endpoints-");
        int closed = closedLoopbackPort();
        client.resource(instance(namespace.name, "checked")).create();
        client.resource(new SecretBuilder().withNewMetadata().withName("db-app").withNamespace(namespace.name)
                .endMetadata().addToStringData("host", "127.0.0.1").addToStringData("port", Integer.toString(closed))
                .addToStringData("dbname", "forum").addToStringData("user", "forum").addToStringData("password", "pw")
                .build()).create();
        DatabaseRelation db = new DatabaseRelation();
        db.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(namespace.name).build());
        DatabaseRelationSpec dbSpec = new DatabaseRelationSpec();
        dbSpec.setInstanceRef(new InstanceRef("checked"));
        dbSpec.setSecretRef(new ConnectionSecretRef("db-app"));
        db.setSpec(dbSpec);
        client.resource(db).create();
        RedisRelation redis = new RedisRelation();
        redis.setMetadata(new ObjectMetaBuilder().withName("cache").withNamespace(namespace.name).build());
        RedisRelationSpec redisSpec = new RedisRelationSpec();
        redisSpec.setInstanceRef(new InstanceRef("checked"));
        redisSpec.setHost("127.0.0.1");
        redisSpec.setPort(closed);
        redis.setSpec(redisSpec);
        client.resource(redis).create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = metrics();
            for (String kind : List.of("DatabaseRelation", "RedisRelation")) {
                Map<String, String> tags = Map.of(MeterNames.TAG_KIND, kind, MeterNames.TAG_RESULT, "Unreachable");
                assertThat(samples(metrics, MeterNames.PROMETHEUS_RELATION_CHECKS + "_count", tags)).as(kind)
                        .isPositive();
                assertThat(samples(metrics, MeterNames.PROMETHEUS_RELATION_CHECKS + "_sum", tags)).as(kind)
                        .isPositive();
                Map<String, String> slowest = new LinkedHashMap<>(tags);
                slowest.put("le", "20.0");
                assertThat(samples(metrics, MeterNames.PROMETHEUS_RELATION_CHECKS + "_bucket", slowest)).as(kind)
                        .isPositive();
            }
        });
    }

    /** Every own meter is on the endpoint under its Prometheus name, with Prometheus' text content type. */
    @Test
    void metricsShowEveryOperatorMeterByItsPrometheusName() {
        namespace = TestNamespace.create(client, "it-endpoints-");
        client.resource(instance(namespace.name, "named")).create();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = metrics();
            // the gauges are there from the start; the counter and the timer once something was counted or timed
            assertThat(PromText.samples(metrics, MeterNames.PROMETHEUS_INSTANCES)).hasSize(InstancePhase.values().length);
            assertThat(PromText.samples(metrics, MeterNames.PROMETHEUS_MIGRATION_JOBS)).hasSize(9);
        });
        assertThat(metrics()).contains("# TYPE " + MeterNames.PROMETHEUS_INSTANCES + " gauge",
                "# TYPE " + MeterNames.PROMETHEUS_MIGRATION_JOBS + " gauge");
    }

    static InstancePhase phase(DiscourseInstance instance) {
        return instance.getStatus() == null || instance.getStatus().getPhase() == null ? InstancePhase.Pending
                : instance.getStatus().getPhase();
    }

    void assertJobsByOutcomeAsHeld(String metrics, JobOutcome seen) {
        Map<String, Long> held = client.batch().v1().jobs().inAnyNamespace().withLabelSelector(MigrationJobs.SELECTOR)
                .list().getItems().stream().filter(j -> j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP) != null)
                .collect(Collectors.groupingBy(j -> j.getMetadata().getLabels().get(MigrationJobs.LABEL_STEP) + "/"
                        + JobOutcome.of(j).name().toLowerCase(), Collectors.counting()));
        assertThat(held.getOrDefault("pre/" + seen.name().toLowerCase(), 0L)).as("pre-deployment Jobs %s", seen)
                .isPositive();
        for (String step : List.of("pre", "assets", "post")) {
            for (JobOutcome outcome : JobOutcome.values()) {
                String outcomeTag = outcome.name().toLowerCase();
                assertThat(samples(metrics, MeterNames.PROMETHEUS_MIGRATION_JOBS,
                        Map.of(MeterNames.TAG_STEP, step, MeterNames.TAG_OUTCOME, outcomeTag)))
                        .as("migration Jobs %s %s", step, outcomeTag)
                        .isEqualTo(held.getOrDefault(step + "/" + outcomeTag, 0L).doubleValue());
            }
        }
    }

    static DiscourseInstance instance(String ns, String name) {
        DiscourseInstance instance = new DiscourseInstance();
        instance.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        instance.setSpec(new DiscourseInstanceSpec());
        return instance;
    }

    /**
     * Prometheus' text format, asked for by name: without an Accept header that prefers it, the registry answers
     * OpenMetrics, whose series names a Prometheus server stores the same way.
     */
    static String metrics() {
        return given().accept("text/plain; version=0.0.4").when().get("/q/metrics")
                .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
    }

    /** The sum of the samples of a series whose labels include these; 0 when there is none. */
    static double samples(String metrics, String series, Map<String, String> labels) {
        return PromText.samples(metrics, series).entrySet().stream()
                .filter(s -> labels.entrySet().stream().allMatch(l -> Objects.equals(s.getKey().get(l.getKey()), l.getValue())))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** A port that was free a moment ago: nothing listens there, so each check is refused at once. */
    static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
