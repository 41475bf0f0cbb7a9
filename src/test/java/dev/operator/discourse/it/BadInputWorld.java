package dev.operator.discourse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.operator.discourse.testsupport.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One namespace holding a healthy forum and, created all at once next to it, every bad input case with the
 * Secrets and target instances they name. Built once for the whole test class: the cases converge together,
 * then a quiet window is watched in which nothing may be written and no object reconciled more than the
 * periodic rechecks explain.
 */
final class BadInputWorld implements AutoCloseable {

    /** How long all the cases together may take to reach their conditions. */
    static final Duration SETTLE_DEADLINE = Duration.ofSeconds(120);
    /** After the last condition, for the writes already on their way (a status, an event) to land. */
    static final Duration SETTLE_PAUSE = Duration.ofSeconds(5);
    static final Duration QUIET_WINDOW = Duration.ofSeconds(20);
    /**
     * Reconciles of one object allowed in the window: the periodic looks (a missing Secret every 10 s, a failing
     * server's backoff from 5 s, a missing monitoring CRD every 3 s in the test profile) make a handful; a hot
     * loop makes hundreds.
     */
    static final int MAX_RECONCILES_IN_WINDOW = 12;

    final KubernetesClient client;
    final String ns;
    final BadInputHealthyForum.State healthyBefore;
    private final TestNamespace namespace;
    private final BadInputMetrics metrics;
    private final List<BadInputCase> cases;
    private final BadInputSnapshot windowStart;
    private final BadInputSnapshot windowEnd;
    private final Map<String, Double> reconcilesInWindow = new HashMap<>();

    private BadInputWorld(KubernetesClient client, BadInputMetrics metrics) throws InterruptedException {
        this.client = client;
        this.metrics = metrics;
        this.cases = BadInputCases.all();
        this.namespace = TestNamespace.withSucceedingJobs(client, "it-badinput-");
        this.ns = namespace.name;
        long t0 = System.nanoTime();

        BadInputHealthyForum.create(client, ns);
        healthyBefore = BadInputHealthyForum.awaitRunning(client, ns);
        log("healthy forum running", t0);

        long t1 = System.nanoTime();
        createBadInput();
        List<String> unsettled = settle();
        log("bad input settled" + (unsettled.isEmpty() ? "" : " except " + unsettled), t1);

        Thread.sleep(SETTLE_PAUSE.toMillis());
        Map<String, Double> before = reconcileCounts();
        windowStart = BadInputSnapshot.take(client, ns);
        Thread.sleep(QUIET_WINDOW.toMillis());
        windowEnd = BadInputSnapshot.take(client, ns);
        reconcileCounts().forEach((key, count) -> reconcilesInWindow.put(key, count - before.getOrDefault(key, 0.0)));
        log("quiet window watched (most reconciles of one object in it: " + reconcilesInWindow.entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(e -> e.getValue().intValue() + ", " + e.getKey()).orElse("none")
                + ")", t0);
    }

    static BadInputWorld build(KubernetesClient client, BadInputMetrics metrics) {
        try {
            return new BadInputWorld(client, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void createBadInput() {
        BadInputCases.secrets(ns).forEach(s -> client.resource(s).create());
        BadInputCases.targets().forEach((name, spec) -> client.resource(
                BadInputSpecs.object(BadInputCases.INSTANCE, name, ns, spec)).create());
        for (BadInputCase c : cases) {
            try {
                client.resource(BadInputSpecs.object(c.kind(), c.name(), ns, c.spec())).create();
            } catch (KubernetesClientException e) {
                // every case is meant to pass admission; one that does not is a mistake in the case
                throw new IllegalStateException("the API server refused case " + c + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Polls until every case without a known bug shows its condition or the deadline passes; the names of those
     * that did not. The known bugs' cases are not waited for (they would only use up the deadline), but what they
     * show is logged for the report.
     */
    private List<String> settle() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        List<BadInputCase> waiting = cases.stream().filter(c -> c.knownBug() == null).toList();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            waiting = waiting.stream().filter(c -> c.expected().metBy(conditions(c)).isEmpty()).toList();
        }
        cases.stream().filter(c -> c.expected().metBy(conditions(c)).isEmpty())
                .forEach(c -> System.out.printf("BadInputIT: %s has not reached %s%s: %s%n", c, c.expected(),
                        c.knownBug() == null ? "" : " (known bug)", abbreviated(conditions(c))));
        return waiting.stream().map(BadInputCase::name).toList();
    }

    private Map<String, Double> reconcileCounts() {
        return cases.stream().collect(Collectors.toMap(BadInputCase::name,
                c -> metrics.started(c.kind(), ns, c.name())));
    }

    GenericKubernetesResource get(BadInputCase c) {
        return client.genericKubernetesResources(BadInputSpecs.API_VERSION, c.kind()).inNamespace(ns).withName(c.name())
                .get();
    }

    List<Map<String, Object>> conditions(BadInputCase c) {
        return BadInputStatus.conditions(get(c));
    }

    /** Everything one case must show: its condition, its checks, no crash, no write and no loop in the window. */
    void assertCase(BadInputCase c) {
        List<Map<String, Object>> conditions = conditions(c);
        assertThat(c.expected().metBy(conditions)).as("%s ends with %s; its conditions: %s", c, c.expected(),
                abbreviated(conditions)).isPresent();
        c.checks().forEach(check -> check.verify(client, ns));
        assertThat(metrics.failed(c.kind(), ns, c.name())).as("%s: reconciles that threw", c).isZero();
        assertThat(windowEnd.wrote(windowStart, c.kind(), c.name())).as("%s written during the quiet window", c)
                .isFalse();
        assertThat(reconcilesInWindow.get(c.name())).as("%s: reconciles in %s", c, QUIET_WINDOW)
                .isLessThanOrEqualTo(MAX_RECONCILES_IN_WINDOW);
    }

    /** Whatever the operator writes in the namespace, nothing was written during the quiet window. */
    Map<String, String> writesInWindow() {
        return windowEnd.writesSince(windowStart);
    }

    private static String abbreviated(List<Map<String, Object>> conditions) {
        return conditions.stream().map(c -> c.get("type") + "=" + c.get("status") + " " + c.get("reason") + ": "
                + abbreviate(String.valueOf(c.get("message")))).collect(Collectors.joining("; "));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    private static void log(String what, long since) {
        System.out.printf("BadInputIT: %s after %d s%n", what, Duration.ofNanos(System.nanoTime() - since).toSeconds());
    }

    @Override
    public void close() {
        namespace.close();
    }
}
