package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The fault proxy itself: how it names requests and decides on faults (no server needed), then, through it to
 * the shared API server with fabric8 clients as the operator uses them, that it forwards faithfully and that
 * each fault looks to a client as the real one would.
 */
class ApiFaultProxyTest {

    /** Marks the test's ConfigMaps: every namespace also has the controller manager's kube-root-ca.crt. */
    private static final String MINE = "fault-proxy-test";

    @Test
    void aRequestIsNamedByItsKubernetesVerbAndResource() {
        assertParsed("GET", "/api/v1/namespaces/x/secrets/y", "get", "secrets", "x", "y");
        assertParsed("GET", "/api/v1/namespaces/x/secrets?labelSelector=a%3Db", "list", "secrets", "x", null);
        assertParsed("GET", "/api/v1/namespaces/x/secrets?resourceVersion=5&watch=true", "watch", "secrets", "x", null);
        assertParsed("GET", "/api/v1/secrets?watch=1", "watch", "secrets", null, null);
        assertParsed("GET", "/api/v1/watch/namespaces/x/pods", "watch", "pods", "x", null);
        assertParsed("PATCH", "/apis/apps/v1/namespaces/x/statefulsets/y/status", "patch", "statefulsets/status",
                "x", "y");
        assertParsed("PUT", "/apis/discourse.operator.dev/v1alpha1/namespaces/x/discourseinstances/forum/status",
                "update", "discourseinstances/status", "x", "forum");
        assertParsed("POST", "/apis/batch/v1/namespaces/x/jobs", "create", "jobs", "x", null);
        assertParsed("DELETE", "/apis/batch/v1/namespaces/x/jobs/j", "delete", "jobs", "x", "j");
        assertParsed("DELETE", "/apis/batch/v1/namespaces/x/jobs?labelSelector=a", "deletecollection", "jobs",
                "x", null);
        // a Namespace's own paths, which look like a namespaced resource at first sight
        assertParsed("GET", "/api/v1/namespaces", "list", "namespaces", null, null);
        assertParsed("GET", "/api/v1/namespaces/x", "get", "namespaces", null, "x");
        assertParsed("PUT", "/api/v1/namespaces/x/finalize", "update", "namespaces/finalize", null, "x");
        // no resource: the path itself is counted
        assertParsed("GET", "/version", "get", "/version", null, null);
        assertParsed("GET", "/apis/apps/v1", "get", "/apis/apps/v1", null, null);

        assertThat(ApiFaultRequest.parse("PATCH", "/api/v1/namespaces/x/secrets/y").isWrite()).isTrue();
        assertThat(ApiFaultRequest.parse("GET", "/api/v1/namespaces/x/secrets/y").isWrite()).isFalse();
    }

    @Test
    void aSeededPolicyRepeatsItselfAndHitsItsShare() {
        ApiFaultRequest get = ApiFaultRequest.parse("GET", "/api/v1/namespaces/x/secrets/y");
        ApiFaultKind[] kinds = { ApiFaultKind.STATUS_500, ApiFaultKind.TIMEOUT };
        List<Object> first = decisions(new ApiFaults(7).inject(0.3, kinds), get);
        List<Object> second = decisions(new ApiFaults(7).inject(0.3, kinds), get);
        assertThat(first).isEqualTo(second);
        long hit = first.stream().filter(d -> d != "pass").count();
        assertThat(hit).as("30%% of %d", first.size()).isBetween(240L, 360L);
        assertThat(first).contains(ApiFaultKind.STATUS_500, ApiFaultKind.TIMEOUT);

        ApiFaults none = new ApiFaults(7).inject(0.3, ApiFaultKind.STATUS_500);
        none.clear();
        assertThat(none.active()).isFalse();
        assertThat(decisions(none, get)).containsOnly("pass");
    }

    @Test
    void eachKindHitsOnlyTheRequestsItCanAndTheFilterNarrowsThem() {
        ApiFaultRequest get = ApiFaultRequest.parse("GET", "/api/v1/namespaces/x/secrets/y");
        ApiFaultRequest watch = ApiFaultRequest.parse("GET", "/api/v1/namespaces/x/secrets?watch=true");
        ApiFaultRequest create = ApiFaultRequest.parse("POST", "/apis/batch/v1/namespaces/x/jobs");

        ApiFaults conflicts = new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_409);
        assertThat(conflicts.decide(get)).isEmpty();
        assertThat(conflicts.decide(create)).contains(ApiFaultKind.STATUS_409);

        // a dropped watch is no answer: the stream is cut later, while it runs
        ApiFaults drops = new ApiFaults(1).inject(1.0, ApiFaultKind.DROP_WATCH);
        assertThat(drops.decide(watch)).isEmpty();
        assertThat(drops.cutsWatch(watch)).isTrue();
        assertThat(drops.cutsWatch(get)).isFalse();
        assertThat(new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_500).cutsWatch(watch)).isFalse();

        ApiFaults writesOnly = new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_500).only(ApiFaultFilter.writes());
        assertThat(writesOnly.decide(get)).isEmpty();
        assertThat(writesOnly.decide(create)).contains(ApiFaultKind.STATUS_500);
        ApiFaults jobsOnly = new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_500)
                .only(ApiFaultFilter.pathMatching("/jobs$"));
        assertThat(jobsOnly.decide(get)).isEmpty();
        assertThat(jobsOnly.decide(create)).isPresent();
        assertThat(new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_500).only(ApiFaultFilter.verbs("watch"))
                .decide(watch)).isPresent();

        // an exempt kind spares what its filter names; the others still hit it
        ApiFaults spared = new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_409)
                .exempt(ApiFaultKind.STATUS_409, ApiFaultFilter.resource("jobs"));
        assertThat(spared.decide(create)).isEmpty();
        assertThat(spared.decide(ApiFaultRequest.parse("PATCH", "/api/v1/namespaces/x/secrets/y"))).isPresent();
        spared.inject(1.0, ApiFaultKind.STATUS_409, ApiFaultKind.STATUS_500);
        assertThat(spared.decide(create)).contains(ApiFaultKind.STATUS_500);

        // a fault meant to happen once clears the policy after it
        ApiFaults once = new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_500).atMost(1);
        assertThat(once.decide(get)).contains(ApiFaultKind.STATUS_500);
        assertThat(once.decide(get)).isEmpty();
        assertThat(once.active()).isFalse();

        // a connection can be refused before its request only when the policy may hit every request
        assertThat(new ApiFaults(1).inject(1.0, ApiFaultKind.REFUSE).refusesConnection()).isTrue();
        assertThat(new ApiFaults(1).inject(1.0, ApiFaultKind.REFUSE).only(ApiFaultFilter.writes()).refusesConnection())
                .isFalse();
        assertThat(new ApiFaults(1).inject(1.0, ApiFaultKind.STATUS_500).refusesConnection()).isFalse();
    }

    @Test
    void theFaultsAnswerWithKubernetesStatuses() {
        ApiFaultRequest create = ApiFaultRequest.parse("POST", "/apis/batch/v1/namespaces/x/jobs");
        String conflict = new String(ApiFaultAnswers.response(ApiFaultKind.STATUS_409, create), StandardCharsets.UTF_8);
        assertThat(conflict).startsWith("HTTP/1.1 409 Conflict\r\n").contains("Content-Type: application/json\r\n");
        Status status = Serialization.unmarshal(conflict.substring(conflict.indexOf("\r\n\r\n") + 4), Status.class);
        assertThat(status.getKind()).isEqualTo("Status");
        assertThat(status.getApiVersion()).isEqualTo("v1");
        assertThat(status.getStatus()).isEqualTo("Failure");
        assertThat(status.getCode()).isEqualTo(409);
        assertThat(status.getReason()).isEqualTo("Conflict");
        assertThat(status.getMessage()).contains("jobs");

        String busy = new String(ApiFaultAnswers.response(ApiFaultKind.STATUS_429, create), StandardCharsets.UTF_8);
        assertThat(busy).startsWith("HTTP/1.1 429 Too Many Requests\r\n").contains("\r\nRetry-After: 1\r\n");
        assertThat(ApiFaultAnswers.status(ApiFaultKind.STATUS_500, create).getReason()).isEqualTo("InternalError");
    }

    private static void assertParsed(String method, String target, String verb, String resource, String namespace,
            String name) {
        ApiFaultRequest request = ApiFaultRequest.parse(method, target);
        assertThat(List.of(request.verb(), request.resource(), String.valueOf(request.namespace()),
                String.valueOf(request.name()))).as(method + " " + target)
                .containsExactly(verb, resource, String.valueOf(namespace), String.valueOf(name));
    }

    private static List<Object> decisions(ApiFaults faults, ApiFaultRequest request) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            out.add(faults.decide(request).<Object>map(k -> k).orElse("pass"));
        }
        return out;
    }

    /** Through the proxy to the shared API server. */
    @Nested
    @RequiresKubeApiServer
    class ThroughTheProxy {

        KubernetesClient direct;
        ApiFaultProxy proxy;
        TestNamespace namespace;
        String ns;
        final List<KubernetesClient> clients = new ArrayList<>();

        @BeforeEach
        void start() {
            KubeApiServer server = KubeApiServer.shared();
            direct = server.client();
            proxy = ApiFaultProxy.start(server);
            namespace = TestNamespace.create(direct, "fault-proxy-");
            ns = namespace.name;
        }

        @AfterEach
        void stop() {
            clients.forEach(KubernetesClient::close);
            proxy.close();
            namespace.close();
        }

        @Test
        void readsListsWritesAndDiscoveryPassOnKeptAliveConnections() {
            KubernetesClient client = viaProxy(c -> { });
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v" + KubeApiServer.VERSION);
            client.configMaps().inNamespace(ns).resource(configMap("a")).create();
            for (int i = 0; i < 20; i++) {
                assertThat(client.configMaps().inNamespace(ns).withName("a").get().getData()).containsEntry("k", "v");
            }
            assertThat(client.configMaps().inNamespace(ns).withLabel(MINE).list().getItems())
                    .extracting(c -> c.getMetadata().getName()).containsExactly("a");
            assertThat(direct.configMaps().inNamespace(ns).withName("a").get()).as("on the real server").isNotNull();

            var counts = proxy.counters().snapshot();
            assertThat(counts.requests("create", "configmaps")).isEqualTo(1);
            assertThat(counts.answers("create", "configmaps", 201)).isEqualTo(1);
            assertThat(counts.requests("get", "configmaps")).isEqualTo(20);
            assertThat(counts.answers("get", "configmaps", 200)).isEqualTo(20);
            assertThat(counts.requests("list", "configmaps")).isEqualTo(1);
            assertThat(counts.writes("configmaps")).isEqualTo(1);
            assertThat(counts.totalFaults()).isZero();
            assertThat(counts.connections()).as("keep-alive: %s", counts).isLessThanOrEqualTo(3);
        }

        @Test
        void onlyHttp11IsOfferedSoAClientPreferringHttp2FallsBack() throws Exception {
            HttpClient http = HttpClient.newBuilder().sslContext(proxy.clientSslContext())
                    .version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> response = http.send(rawGet("/version"), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).contains("\"gitVersion\": \"v" + KubeApiServer.VERSION + "\"");
        }

        @Test
        void aWatchThroughTheProxyDeliversEventsAsTheyHappen() throws Exception {
            KubernetesClient client = viaProxy(c -> { });
            BlockingQueue<String> added = new LinkedBlockingQueue<>();
            Watch watch = client.configMaps().inNamespace(ns).withLabel(MINE).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                    if (action == Action.ADDED) {
                        added.add(resource.getMetadata().getName());
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            });
            try {
                direct.configMaps().inNamespace(ns).resource(configMap("w1")).create();
                assertThat(added.poll(10, TimeUnit.SECONDS)).isEqualTo("w1");
                // a second event on the same stream: the relay flushes each chunk, it does not wait for the end
                direct.configMaps().inNamespace(ns).resource(configMap("w2")).create();
                assertThat(added.poll(10, TimeUnit.SECONDS)).isEqualTo("w2");
            } finally {
                watch.close();
            }
            assertThat(proxy.counters().snapshot().requests("watch", "configmaps")).isEqualTo(1);
        }

        @Test
        void aServerErrorIsAStatusTheClientParses() {
            proxy.faults().inject(1.0, ApiFaultKind.STATUS_500);
            KubernetesClient client = viaProxy(ApiFaultProxyTest::noRetries);
            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> client.configMaps().inNamespace(ns).withName("x").get());
            assertThat(e.getCode()).isEqualTo(500);
            assertThat(e.getStatus().getKind()).isEqualTo("Status");
            assertThat(e.getStatus().getReason()).isEqualTo("InternalError");
            var counts = proxy.counters().snapshot();
            assertThat(counts.faults(ApiFaultKind.STATUS_500)).isEqualTo(1);
            assertThat(counts.answers()).as("the API server never saw it").isEmpty();
        }

        @Test
        void tooManyRequestsSaysWhenToRetryAndTheClientWaitsThatLong() throws Exception {
            proxy.faults().inject(1.0, ApiFaultKind.STATUS_429);
            HttpClient http = HttpClient.newBuilder().sslContext(proxy.clientSslContext()).build();
            HttpResponse<String> raw = http.send(rawGet("/api/v1/namespaces/" + ns + "/configmaps"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(raw.statusCode()).isEqualTo(429);
            assertThat(raw.headers().firstValue("Retry-After")).contains("1");
            Status status = Serialization.unmarshal(raw.body(), Status.class);
            assertThat(status.getReason()).isEqualTo("TooManyRequests");
            assertThat(status.getCode()).isEqualTo(429);
            assertThat(status.getDetails().getRetryAfterSeconds()).isEqualTo(1);

            // fabric8 retries a 429 after the time it names: the faults end meanwhile and the read succeeds
            direct.configMaps().inNamespace(ns).resource(configMap("later")).create();
            KubernetesClient client = viaProxy(c -> { });
            proxy.later(Duration.ofMillis(1500), () -> proxy.faults().clear());
            long started = System.nanoTime();
            assertThat(client.configMaps().inNamespace(ns).withName("later").get()).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
            assertThat(proxy.counters().snapshot().faults(ApiFaultKind.STATUS_429)).isGreaterThanOrEqualTo(2);
        }

        @Test
        void aConflictHitsWritesOnlyAndTheWriteNeverHappens() {
            direct.configMaps().inNamespace(ns).resource(configMap("present")).create();
            proxy.faults().inject(1.0, ApiFaultKind.STATUS_409);
            KubernetesClient client = viaProxy(ApiFaultProxyTest::noRetries);
            assertThat(client.configMaps().inNamespace(ns).withName("present").get()).isNotNull();
            assertThat(client.configMaps().inNamespace(ns).withLabel(MINE).list().getItems()).hasSize(1);

            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> client.configMaps().inNamespace(ns).resource(configMap("refused")).create());
            assertThat(e.getCode()).isEqualTo(409);
            assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
            assertThat(direct.configMaps().inNamespace(ns).withName("refused").get()).isNull();
            var counts = proxy.counters().snapshot();
            assertThat(counts.faults(ApiFaultKind.STATUS_409)).isEqualTo(1);
            assertThat(counts.answers("get", "configmaps", 200)).isEqualTo(1);
        }

        @Test
        void refusedConnectionsFailFastAndADownServerCutsWatchesUntilItIsUp() throws Exception {
            KubernetesClient client = viaProxy(c -> {
                noRetries(c);
                c.setRequestTimeout(10_000);
            });
            proxy.faults().inject(1.0, ApiFaultKind.REFUSE);
            assertFailsWithin(Duration.ofSeconds(2), () -> client.configMaps().inNamespace(ns).withName("x").get());
            assertThat(proxy.counters().snapshot().faults(ApiFaultKind.REFUSE)).isGreaterThanOrEqualTo(1);
            proxy.faults().clear();
            assertThat(client.configMaps().inNamespace(ns).withLabel(MINE).list().getItems()).isEmpty();

            // down: the open watch is cut along with everything else, and nothing gets through until up
            // no reconnect, so the cut reaches onClose instead of a silent new watch
            KubernetesClient watching = viaProxy(c -> c.setWatchReconnectLimit(0));
            BlockingQueue<String> closes = new LinkedBlockingQueue<>();
            Watch watch = watching.configMaps().inNamespace(ns).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap resource) {
                }

                @Override
                public void onClose(WatcherException cause) {
                    closes.add(String.valueOf(cause));
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() >= 1);
            proxy.down();
            try {
                assertThat(closes.poll(10, TimeUnit.SECONDS)).as("the watch saw its stream end").isNotNull();
                assertFailsWithin(Duration.ofSeconds(2),
                        () -> client.configMaps().inNamespace(ns).withLabel(MINE).list());
            } finally {
                proxy.up();
                watch.close();
            }
            assertThat(client.configMaps().inNamespace(ns).withLabel(MINE).list().getItems()).isEmpty();
        }

        @Test
        void aHeldRequestTimesTheClientOutOrIsClosedUnanswered() {
            proxy.faults().inject(1.0, ApiFaultKind.TIMEOUT).holdFor(Duration.ofSeconds(20));
            KubernetesClient impatient = viaProxy(c -> {
                noRetries(c);
                c.setRequestTimeout(2_000);
            });
            long started = System.nanoTime();
            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> impatient.configMaps().inNamespace(ns).withName("x").get());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(e).isNotNull();
            assertThat(took).as("the client's own 2 s timeout ended it").isBetween(Duration.ofMillis(1800),
                    Duration.ofSeconds(10));
            // the proxy noticed the client leave and let the held connection go
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);

            proxy.faults().holdFor(Duration.ofSeconds(1));
            KubernetesClient patient = viaProxy(c -> {
                noRetries(c);
                c.setRequestTimeout(30_000);
            });
            started = System.nanoTime();
            assertThat(catchThrowableOfType(KubernetesClientException.class,
                    () -> patient.configMaps().inNamespace(ns).withName("x").get())).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed unanswered after the hold")
                    .isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            assertThat(proxy.counters().snapshot().faults(ApiFaultKind.TIMEOUT)).isEqualTo(2);
            assertThat(proxy.counters().snapshot().answers()).isEmpty();
        }

        @Test
        void droppedWatchesLeaveAnInformerCurrent() {
            proxy.faults().inject(1.0, ApiFaultKind.DROP_WATCH)
                    .dropWatchesAfter(Duration.ofMillis(300), Duration.ofMillis(800));
            KubernetesClient client = viaProxy(c -> { });
            SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> proxy.counters().snapshot().faults(ApiFaultKind.DROP_WATCH) >= 3);
                direct.configMaps().inNamespace(ns).resource(configMap("after-drops")).create();
                await().atMost(Duration.ofSeconds(45))
                        .until(() -> informer.getStore().getByKey(ns + "/after-drops") != null);
                var counts = proxy.counters().snapshot();
                assertThat(counts.requests("watch", "configmaps")).as("the informer watched again after each cut: %s",
                        counts).isGreaterThanOrEqualTo(3);
                assertThat(counts.faults(ApiFaultKind.DROP_WATCH)).isGreaterThanOrEqualTo(3);
            } finally {
                informer.close();
            }
        }

        @Test
        void theCountersCountEachVerbAndTheWritesPerResource() {
            KubernetesClient client = viaProxy(c -> { });
            ConfigMap a = client.configMaps().inNamespace(ns).resource(configMap("a")).create();
            client.configMaps().inNamespace(ns).resource(configMap("b")).create();
            client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("s").endMetadata()
                    .addToStringData("k", "v").build()).create();
            a.getData().put("k", "v2");
            ConfigMap updated = client.configMaps().inNamespace(ns).resource(a).update();
            client.configMaps().inNamespace(ns).resource(updated).patch(PatchContext.of(PatchType.JSON_MERGE),
                    Serialization.asJson(Map.of("data", Map.of("k", "v3"))));
            client.configMaps().inNamespace(ns).withName("b").delete();

            var counts = proxy.counters().reset();
            assertThat(counts.requests("create", "configmaps")).isEqualTo(2);
            assertThat(counts.requests("update", "configmaps")).isEqualTo(1);
            assertThat(counts.requests("patch", "configmaps")).isEqualTo(1);
            assertThat(counts.requests("delete", "configmaps")).isEqualTo(1);
            assertThat(counts.requests("create", "secrets")).isEqualTo(1);
            assertThat(counts.writes("configmaps")).isEqualTo(5);
            assertThat(counts.writes("secrets")).isEqualTo(1);
            assertThat(counts.totalWrites()).as("%s", counts).isEqualTo(6);
            assertThat(counts.answers("create", "configmaps", 201)).isEqualTo(2);

            // a reset starts from zero; reads alone write nothing
            client.configMaps().inNamespace(ns).withName("a").get();
            var after = proxy.counters().snapshot();
            assertThat(after.totalRequests()).isEqualTo(1);
            assertThat(after.totalWrites()).isZero();
        }

        private KubernetesClient viaProxy(Consumer<Config> tune) {
            Config config = proxy.config();
            tune.accept(config);
            KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
            clients.add(client);
            return client;
        }

        private HttpRequest rawGet(String path) {
            return HttpRequest.newBuilder(URI.create(proxy.url() + path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + proxy.bearerToken()).build();
        }
    }

    /** Each fault reaches the test as it happened, not hidden behind the client's own retries. */
    private static void noRetries(Config config) {
        config.setRequestRetryBackoffLimit(0);
    }

    private static void assertFailsWithin(Duration limit, Runnable request) {
        long started = System.nanoTime();
        assertThat(catchThrowableOfType(KubernetesClientException.class, request::run)).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit);
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels(MINE, "true").endMetadata()
                .addToData("k", "v").build();
    }
}
