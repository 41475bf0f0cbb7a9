package dev.operator.discourse.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.operator.discourse.testsupport.InformerHandlers;
import dev.operator.discourse.testsupport.SimulatedPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Ends the processes of the benchmark namespaces' migration Jobs: each Job pod that kwok runs exits 0 with the
 * Discourse version as its termination message ({@link SimulatedPods}). Everything else is the real control
 * plane's: the Job and StatefulSet controllers, the scheduler, kwok's simulated kubelet. The work runs on a few
 * lanes off the informer thread and is counted, with its lag from the pod's Running event, so the report can say
 * the benchmark itself was never what the operator waited for.
 */
final class JobProcesses implements AutoCloseable {

    static final String NAMESPACE_PREFIX = "bench-";

    private final ExecutorService[] lanes = new ExecutorService[8];
    private final SharedIndexInformer<Pod> informer;
    final AtomicLong jobsFinished = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    /** When each exit was written and how long after the Running event, in ms. */
    final List<Object[]> lags = java.util.Collections.synchronizedList(new ArrayList<>());

    JobProcesses(KubernetesClient client, String discourseVersion) {
        this(client, discourseVersion, JobProcesses::ours);
    }

    /** Only in the namespaces {@code namespaces} accepts: the floor's ends its own Jobs' processes and no others. */
    JobProcesses(KubernetesClient client, String discourseVersion, Predicate<String> namespaces) {
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = Executors.newSingleThreadExecutor();
        }
        informer = client.pods().inAnyNamespace().inform(InformerHandlers.<Pod>onAddOrUpdate(pod -> {
            if (namespaces.test(pod.getMetadata().getNamespace()) && SimulatedPods.awaitsExit(pod)) {
                long seen = System.nanoTime();
                String name = pod.getMetadata().getName();
                lanes[Math.floorMod(name.hashCode(), lanes.length)].execute(() -> {
                    try {
                        SimulatedPods.exit(client, pod, true, discourseVersion);
                        jobsFinished.incrementAndGet();
                        lags.add(new Object[] { Instant.now(), (System.nanoTime() - seen) / 1e6 });
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        System.err.println("bench: ending the process of " + name + " failed: " + e);
                    }
                });
            }
        }));
    }

    /** The lag of the exits written in [from, to), in ms. */
    List<Double> lags(Instant from, Instant to) {
        synchronized (lags) {
            return lags.stream().filter(l -> !((Instant) l[0]).isBefore(from) && ((Instant) l[0]).isBefore(to))
                    .map(l -> (Double) l[1]).toList();
        }
    }

    static boolean ours(String namespace) {
        return namespace != null && namespace.startsWith(NAMESPACE_PREFIX);
    }

    @Override
    public void close() throws InterruptedException {
        informer.close();
        for (ExecutorService lane : lanes) {
            lane.shutdown();
            lane.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
