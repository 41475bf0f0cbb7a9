package dev.operator.discourse.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.testsupport.ApiFaultCounters;
import dev.operator.discourse.testsupport.ApiFaultFilter;
import dev.operator.discourse.testsupport.ApiFaultKind;
import dev.operator.discourse.testsupport.ApiFaultProxy;
import dev.operator.discourse.testsupport.Crds;
import dev.operator.discourse.testsupport.KubeApiServer;
import dev.operator.discourse.testsupport.OperatorProcess;
import dev.operator.discourse.testsupport.RequiresKubeApiServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Readiness before the informers have synced, which only a starting operator shows: the packaged operator
 * behind the fault proxy, every LIST of DiscourseInstances answered 500, so no informer of that kind can fill its
 * cache. It is never ready meanwhile (a Service must not send it work, a rollout must not take the old pod away
 * for it), and turns ready by itself once the LISTs pass.
 *
 * <p>The HTTP server opens only once the SDK's start returns, and that waits for the informers up to the
 * cache-sync timeout (2 minutes by default), then goes on with a warning while they keep trying. The test
 * shortens the timeout so that it sees the endpoints answer while the informer still fails: alive, and not
 * ready, naming the controller whose informer has not synced.
 *
 * <p>A *PackagedIT so that no operator of a {@code @QuarkusTest} shares the API server.
 */
@RequiresKubeApiServer
class OperatorReadinessPackagedIT {

    static final Duration CACHE_SYNC_TIMEOUT = Duration.ofSeconds(10);
    /** Start-up and the cache-sync timeout, with room for a slow machine. */
    static final Duration ANSWERS = Duration.ofSeconds(90);
    /** How long the test watches readiness stay down while the endpoints answer and the LISTs still fail. */
    static final Duration HELD = Duration.ofSeconds(10);
    /** The informers back off while LISTs fail: their next try, then the sync. */
    static final Duration SYNCED = Duration.ofSeconds(90);
    static final String SDK_CHECK = "Quarkus Operator SDK health check";
    static final List<String> CONTROLLERS = List.of("discourseinstance", "databaserelation", "redisrelation",
            "ingressrelation", "observabilityrelation", "discourseusertask", "discoursebackup", "discoursebackupschedule",
            "discourserestore");

    @Test
    void notReadyUntilTheInformersHaveSyncedAndAliveMeanwhile() {
        KubeApiServer server = KubeApiServer.shared();
        Crds.applyGenerated(server.client());
        Path log = OperatorProcess.jar().getParent().getParent().resolve("operator-readiness.log");
        try (ApiFaultProxy proxy = ApiFaultProxy.start(server)) {
            proxy.faults().only(ApiFaultFilter.verbs("list").and(ApiFaultFilter.resource("discourseinstances")))
                    .inject(1.0, ApiFaultKind.STATUS_500);
            try (OperatorProcess operator = OperatorProcess.launch(OperatorProcess.jar(), proxy.kubeconfigFile(), log,
                    List.of("quarkus.operator-sdk.cache-sync-timeout=" + CACHE_SYNC_TIMEOUT.toSeconds() + "s"))) {
                // not listening yet, or listening and not ready: never 200 while no LIST of the instances passed
                await().atMost(ANSWERS).pollInterval(Duration.ofMillis(200)).until(() -> {
                    Optional<Integer> status = status(operator, "/q/health/ready");
                    assertThat(status).as("ready while no LIST of the instances passed").isNotEqualTo(Optional.of(200));
                    return status.isPresent();
                });
                await().during(HELD).atMost(HELD.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            assertThat(operator.exitCode()).as("the operator runs on").isEmpty();
                            Response ready = get(operator, "/q/health/ready");
                            assertThat(ready.statusCode()).as("ready while no LIST of the instances passed")
                                    .isEqualTo(503);
                            assertThat(ready.jsonPath().getString("status")).isEqualTo("DOWN");
                            assertThat(sdkCheck(ready.jsonPath())).as("the controller waiting for its informer")
                                    .hasEntrySatisfying("discourseinstance", health -> assertThat(health)
                                            .startsWith("unhealthy"));
                            Response live = get(operator, "/q/health/live");
                            assertThat(live.statusCode()).as("alive").isEqualTo(200);
                            assertThat(live.jsonPath().getString("status")).isEqualTo("UP");
                        });
                var counted = proxy.counters().snapshot();
                assertThat(counted.requests("list", "discourseinstances")).as("the informers asked for the instances")
                        .isPositive();
                assertThat(counted.faults(ApiFaultKind.STATUS_500)).as("and were refused").isPositive();

                proxy.faults().clear();
                await().atMost(SYNCED).pollInterval(Duration.ofMillis(500))
                        .until(() -> status(operator, "/q/health/ready").equals(Optional.of(200)));
                JsonPath body = get(operator, "/q/health/ready").jsonPath();
                assertThat(body.getString("status")).isEqualTo("UP");
                assertThat(sdkCheck(body)).containsOnlyKeys(CONTROLLERS)
                        .allSatisfy((controller, health) -> assertThat(health).as(controller).isEqualTo("OK"));
            }
        }
    }

    /**
     * Each informer LISTs its kind once as it starts, so the LISTs the API server answered before the operator
     * was ready are its cached copies per kind: at most two of any kind, however many controllers read it (the
     * four relation kinds and the user tasks share one copy of the instances, the workloads and the Secrets).
     */
    @Test
    void noKindIsCachedMoreThanTwice() {
        KubeApiServer server = KubeApiServer.shared();
        Crds.applyGenerated(server.client());
        Path log = OperatorProcess.jar().getParent().getParent().resolve("operator-cached-copies.log");
        try (ApiFaultProxy proxy = ApiFaultProxy.start(server);
                OperatorProcess operator = OperatorProcess.launch(OperatorProcess.jar(), proxy.kubeconfigFile(), log,
                        List.of())) {
            await().atMost(ANSWERS).pollInterval(Duration.ofMillis(500))
                    .until(() -> status(operator, "/q/health/ready").equals(Optional.of(200)));
            Map<String, Long> lists = listsAnswered(proxy.counters().snapshot());
            assertThat(lists).as("LISTs answered 200 per resource while starting")
                    .containsKeys("discourseinstances", "statefulsets", "secrets", "databaserelations", "pods")
                    .allSatisfy((resource, count) -> assertThat(count).as(resource).isLessThanOrEqualTo(2));
        }
    }

    static Map<String, Long> listsAnswered(ApiFaultCounters.Snapshot counted) {
        Map<String, Long> lists = new TreeMap<>();
        counted.answers().forEach((key, count) -> {
            String[] parts = key.split(" ");
            if (parts.length == 3 && parts[0].equals("list") && parts[2].equals("200")) {
                lists.merge(parts[1], count, Long::sum);
            }
        });
        return lists;
    }

    /** The SDK's readiness check's data: one entry per controller, "OK" or what is unhealthy. */
    static Map<String, String> sdkCheck(JsonPath health) {
        return health.getMap("checks.find { it.name == '" + SDK_CHECK + "' }.data", String.class, String.class);
    }

    /** The HTTP status, or empty while nothing listens. */
    static Optional<Integer> status(OperatorProcess operator, String path) {
        try {
            return Optional.of(get(operator, path).statusCode());
        } catch (Exception e) {
            // rest-assured rethrows the ConnectException of a port nobody listens on yet
            if (e instanceof java.net.ConnectException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Response get(OperatorProcess operator, String path) {
        return given().baseUri("http://127.0.0.1").port(operator.port()).get(path);
    }
}
