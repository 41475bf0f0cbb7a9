package dev.operator.discourse.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.operator.discourse.bench.FloorForum.Step;
import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.instance.migration.MigrationStep;
import dev.operator.discourse.testsupport.InformerHandlers;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The floor of issue #15: a plain client makes what the operator makes for a forum, in the operator's order, and
 * waits for the same controller steps, with no operator. The pre-deployment Job, then once it succeeded the
 * StatefulSet at its replicas, then once that is rolled out and its pod ready the post-deployment Job, until it
 * succeeded. What the operator adds on top (reconciles, status writes, the relations' checks, its share of the
 * two cores) is what the ratios to this floor measure.
 *
 * <p>It runs before the operator process starts, in namespaces of its own ({@link #NAMESPACE_PREFIX}) with objects
 * no informer of the operator selects ({@link FloorObjects}): nothing of the operator's can slow the floor down,
 * and the operator never caches the floor's objects, which stay for the rest of the run as the operator phases'
 * earlier instances do.
 */
final class Floor implements AutoCloseable {

    static final String NAMESPACE_PREFIX = "floor-";
    /** How long one forum may take before it counts as not ready; the operator's waits allow as much. */
    static final Duration FORUM_BOUND = Duration.ofSeconds(60);
    /** A client as the throughput phase's: the same 8 threads create the forums and carry out their next steps. */
    static final int THREADS = 8;

    private final KubernetesClient client;
    private final String redisHost;
    private final int redisPort;
    private final Map<String, FloorForum> forums = new ConcurrentHashMap<>();
    private final ExecutorService steps = Executors.newFixedThreadPool(THREADS);
    private final JobProcesses processes;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    Floor(KubernetesClient client, String redisHost, int redisPort, String discourseVersion) {
        this.client = client;
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.processes = new JobProcesses(client, discourseVersion, Floor::ours);
        informers.add(client.batch().v1().jobs().inAnyNamespace().withLabel(WorkloadNames.LABEL_MANAGED_BY,
                FloorObjects.MANAGED_BY).inform(InformerHandlers.<Job>onAddOrUpdate(job -> {
                    long now = System.nanoTime();
                    var labels = job.getMetadata().getLabels();
                    FloorForum forum = forums.get(Convergence.key(job.getMetadata().getNamespace(),
                            labels == null ? null : labels.get(MigrationJobs.LABEL_INSTANCE)));
                    if (forum != null) {
                        forum.seen(job, now).ifPresent(step -> next(forum, step));
                    }
                })));
        informers.add(client.apps().statefulSets().inAnyNamespace().withLabel(WorkloadNames.LABEL_MANAGED_BY,
                FloorObjects.MANAGED_BY).inform(InformerHandlers.<StatefulSet>onAddOrUpdate(sts -> {
                    long now = System.nanoTime();
                    FloorForum forum = forums.get(Convergence.key(sts.getMetadata().getNamespace(),
                            sts.getMetadata().getName()));
                    if (forum != null) {
                        forum.seen(sts, now).ifPresent(step -> next(forum, step));
                    }
                })));
    }

    static boolean ours(String namespace) {
        return namespace != null && namespace.startsWith(NAMESPACE_PREFIX);
    }

    /** The floor for the latency phase and for each N, in that order, each batch in a namespace of its own. */
    static List<FloorPhase> measure(KubernetesClient client, String redisHost, int redisPort, String discourseVersion,
            int latencyCount, List<Integer> sizes) throws Exception {
        List<FloorPhase> phases = new ArrayList<>();
        try (Floor floor = new Floor(client, redisHost, redisPort, discourseVersion)) {
            if (latencyCount > 0) {
                phases.add(floor.latency(NAMESPACE_PREFIX + "latency", latencyCount));
            }
            for (int n : sizes) {
                phases.add(floor.batch(NAMESPACE_PREFIX + "n" + n, n));
            }
        }
        return phases;
    }

    /** One forum after another, each awaited, so no queue is measured; ends early once the bound is spent. */
    FloorPhase latency(String ns, int count) throws InterruptedException {
        BenchmarkMain.log("floor latency: " + count + " forums one at a time, in " + ns);
        namespace(ns);
        FloorPhase phase = new FloorPhase(FloorPhase.LATENCY, count);
        Instant from = Instant.now();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + 5L * count);
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            FloorForum forum = start(ns, i);
            phase.forums.add(forum);
            if (!forum.done.await(FORUM_BOUND.toNanos(), TimeUnit.NANOSECONDS) || forum.failure != null) {
                BenchmarkMain.log("floor latency: " + diagnose(forum));
            }
        }
        return finish(phase, from);
    }

    /** N forums created by {@link #THREADS} threads at once: how long until the last is ready. */
    FloorPhase batch(String ns, int n) throws Exception {
        BenchmarkMain.log("floor throughput: N=" + n + " in " + ns);
        namespace(ns);
        FloorPhase phase = new FloorPhase(FloorPhase.batch(n), n);
        Instant from = Instant.now();
        long start = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        // apart from the steps' threads, as the throughput phase's senders are apart from the operator
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                sent.add(senders.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n;) {
                        phase.forums.add(start(ns, i));
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        phase.createdMs = (System.nanoTime() - start) / 1e6;
        long deadline = start + TimeUnit.SECONDS.toNanos(60 + n);
        List<FloorForum> all;
        synchronized (phase.forums) {
            all = List.copyOf(phase.forums);
        }
        for (FloorForum forum : all) {
            forum.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        List<FloorForum> late = all.stream().filter(f -> f.readyNanos < 0).toList();
        if (late.isEmpty()) {
            phase.allReadyMs = (all.stream().mapToLong(f -> f.readyNanos).max().orElse(start) - start) / 1e6;
        } else {
            BenchmarkMain.log("floor N=" + n + ": " + late.size() + " not ready, e.g. "
                    + late.stream().limit(3).map(this::diagnose).toList());
        }
        return finish(phase, from);
    }

    private FloorPhase finish(FloorPhase phase, Instant from) {
        phase.jobExitLagsMs = processes.lags(from, Instant.now());
        BenchmarkMain.log("floor " + phase.name + ": " + (phase.instances - phase.late()) + "/" + phase.instances
                + " ready; ready " + Stats.of(phase.readyMs()));
        return phase;
    }

    /**
     * The clock starts before the first request. The pre-deployment Job goes first: it needs none of the other
     * objects, which only have to exist (the claim bound) before the StatefulSet's pod is scheduled.
     */
    private FloorForum start(String ns, int i) {
        FloorObjects objects = new FloorObjects(ns, BenchmarkMain.name(i), redisHost, redisPort);
        FloorForum forum = new FloorForum(objects, System.nanoTime());
        forums.put(Convergence.key(ns, forum.name), forum);
        try {
            client.resource(objects.job(MigrationStep.PRE)).create();
            for (HasMetadata object : objects.beforePods()) {
                client.resource(object).create();
            }
        } catch (RuntimeException e) {
            forum.fail("creating its objects: " + e);
        }
        return forum;
    }

    /** Off the informer's thread: a create waits for the API server, and the watch must keep delivering. */
    private void next(FloorForum forum, Step step) {
        Optional<HasMetadata> object = switch (step) {
            case ROLLOUT -> Optional.of(forum.objects.statefulSet());
            case POST_JOB -> Optional.of(forum.objects.job(MigrationStep.POST));
            default -> Optional.empty();
        };
        object.ifPresent(o -> steps.execute(() -> {
            try {
                client.resource(o).create();
            } catch (RuntimeException e) {
                forum.fail("creating its " + o.getKind() + ": " + e);
            }
        }));
    }

    private String diagnose(FloorForum forum) {
        return forum.namespace + "/" + forum.name + ": "
                + (forum.failure != null ? forum.failure : "still waiting at " + forum.step());
    }

    /**
     * Ready before the clock starts: a Job created at once in a new namespace finds no default ServiceAccount yet,
     * and the Job controller backs off before making its pod again. The operator's phases never see that (their
     * Secrets, made before their clock, and the relations' checks give the controllers the time), so a floor that
     * did would be slower than the operator's floor is.
     */
    private void namespace(String ns) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        client.serviceAccounts().inNamespace(ns).withName("default").waitUntilCondition(Objects::nonNull, 60,
                TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        informers.forEach(SharedIndexInformer::close);
        steps.shutdown();
        steps.awaitTermination(10, TimeUnit.SECONDS);
        processes.close();
    }
}
