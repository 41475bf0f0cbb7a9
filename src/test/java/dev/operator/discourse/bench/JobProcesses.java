package dev.operator.discourse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.operator.discourse.instance.migration.MigrationJobs;
import dev.operator.discourse.testsupport.FakeJobController;
import dev.operator.discourse.testsupport.InformerHandlers;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays, for the benchmark namespaces, the two controllers the bare API server lacks, as an ideal cluster would:
 * <ul>
 * <li>the Job controller and kubelet: every migration Job gets a pod that ended with exit 0 and the Discourse
 * version as its termination message, then a Complete status ({@link FakeJobController#finish});</li>
 * <li>the StatefulSet controller and kubelet: every generation is observed at once with all
 * {@code spec.replicas} pods updated and ready.</li>
 * </ul>
 * Work runs off the informer threads, on lanes chosen by object name so each object's updates stay in order,
 * and is counted, so the report can say how much of the API traffic was the cluster's rather than the operator's.
 */
final class FakeControllers implements AutoCloseable {

    static final String NAMESPACE_PREFIX = "bench-";

    private final KubernetesClient client;
    // enough lanes that the fake cluster is never what the operator waits for on 2 cores; its lag is reported
    private final ExecutorService[] lanes = new ExecutorService[64];
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    final AtomicLong jobsFinished = new AtomicLong();
    final AtomicLong statusesWritten = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    /** When each piece of work finished and how long after its watch event, in ms: the fake cluster's lag. */
    final List<Object[]> lags = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeControllers(KubernetesClient client, String discourseVersion) {
        this.client = client;
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Executors.newSingleThreadExecutor();
        }
        informers.add(client.batch().v1().jobs().inAnyNamespace().withLabelSelector(MigrationJobs.SELECTOR)
                .inform(InformerHandlers.<Job>onAdd(job -> {
                    boolean finished = job.getStatus() != null && job.getStatus().getConditions() != null
                            && !job.getStatus().getConditions().isEmpty();
                    if (ours(job.getMetadata().getNamespace()) && !finished) {
                        lane(job.getMetadata().getName(), () -> {
                            FakeJobController.finish(client, job, true, discourseVersion);
                            jobsFinished.incrementAndGet();
                        });
                    }
                })));
        informers.add(client.apps().statefulSets().inAnyNamespace()
                .inform(InformerHandlers.<StatefulSet>onAddOrUpdate(this::observe)));
    }

    /** The lag of the work finished in [from, to), in ms. */
    List<Double> lags(java.time.Instant from, java.time.Instant to) {
        synchronized (lags) {
            return lags.stream().filter(l -> !((java.time.Instant) l[0]).isBefore(from) && ((java.time.Instant) l[0]).isBefore(to))
                    .map(l -> (Double) l[1]).toList();
        }
    }

    static boolean ours(String namespace) {
        return namespace != null && namespace.startsWith(NAMESPACE_PREFIX);
    }

    private void observe(StatefulSet sts) {
        if (!ours(sts.getMetadata().getNamespace())) {
            return;
        }
        long generation = sts.getMetadata().getGeneration();
        int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
        var status = sts.getStatus();
        boolean current = status != null && status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation && status.getReplicas() != null
                && status.getReplicas() == replicas && status.getReadyReplicas() != null
                && status.getReadyReplicas() == replicas;
        if (current) {
            return;
        }
        String name = sts.getMetadata().getName();
        String revision = name + "-" + generation;
        // A merge patch without resourceVersion: the status subresource is ours alone, so no conflict is possible
        // with the operator's writes to the spec, and none is caused.
        String patch = String.format("{\"status\":{\"observedGeneration\":%d,\"replicas\":%d,\"readyReplicas\":%d,"
                + "\"currentReplicas\":%d,\"updatedReplicas\":%d,\"currentRevision\":\"%s\",\"updateRevision\":\"%s\"}}",
                generation, replicas, replicas, replicas, replicas, revision, revision);
        lane(name, () -> {
            // through the object in hand: addressing it by name would make fabric8 GET it first
            client.resource(sts).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            statusesWritten.incrementAndGet();
        });
    }

    private void lane(String key, Runnable work) {
        long seen = System.nanoTime();
        lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(() -> {
            try {
                work.run();
                lags.add(new Object[] { java.time.Instant.now(), (System.nanoTime() - seen) / 1e6 });
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                System.err.println("bench: fake controller failed on " + key + ": " + e);
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        informers.forEach(SharedIndexInformer::close);
        for (ExecutorService lane : lanes) {
            lane.shutdown();
            lane.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
