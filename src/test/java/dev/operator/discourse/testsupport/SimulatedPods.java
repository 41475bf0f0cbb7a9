package dev.operator.discourse.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The test's levers on the pods that kwok runs ({@code control-plane/kwok-stages.yaml}): how a Job's process
 * ends, and whether a running pod is ready. The real Job controller makes the pods and the real scheduler places
 * them; this only decides what the simulated process does, which is the one thing no controller knows.
 */
public final class SimulatedPods implements AutoCloseable {

    static final String EXIT_CODE = "kwok.discourse.test/exit-code";
    static final String MESSAGE = "kwok.discourse.test/message";
    static final String READY = "kwok.discourse.test/ready";
    /** Appended to an image tag, the pods never become ready: a rollout to it stalls. */
    public static final String NEVER_READY_SUFFIX = "-never-ready";
    /** A namespace whose name starts so holds each new pod unready until {@link #setReady} releases it. */
    public static final String HELD_NAMESPACE_PREFIX = "held-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_EXIT = Duration.ofSeconds(2);

    private final SharedIndexInformer<Pod> informer;

    private SimulatedPods(SharedIndexInformer<Pod> informer) {
        this.informer = informer;
    }

    /**
     * Every migration Job pod that runs in the namespace exits 0 with this termination message, until closed; the
     * pods of other Jobs (user tasks, backups) are left for the test to end. A patch that
     * fails (the API server restarting, say) is tried again on the next resync, as a controller would: a pod
     * left running for want of one answer would leave its forum migrating for ever, and the test would blame
     * the operator.
     */
    public static SimulatedPods succeedJobs(KubernetesClient client, String namespace, String message) {
        return new SimulatedPods(client.pods().inNamespace(namespace).inform(InformerHandlers.<Pod>onAddOrUpdate(pod -> {
            if (awaitsExit(pod) && "migration".equals(pod.getMetadata().getLabels().get("app.kubernetes.io/component"))) {
                try {
                    exit(client, pod, true, message);
                } catch (KubernetesClientException e) {
                    System.err.printf("simulated pods: %s/%s not told to exit yet (%s); again on resync%n",
                            namespace, pod.getMetadata().getName(), e.getMessage());
                }
            }
        }), RETRY_EXIT.toMillis()));
    }

    /**
     * Ends the Job's one process the way the test says, then waits until the Job controller has seen it: the
     * Job is Complete or Failed.
     */
    public static void finish(KubernetesClient client, Job job, boolean succeeded, String terminationMessage) {
        String ns = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        Pod pod = await().atMost(TIMEOUT).until(() -> runningPodOf(client, ns, name), p -> p != null);
        exit(client, pod, succeeded, terminationMessage);
        await().atMost(TIMEOUT).until(() -> {
            Job now = client.batch().v1().jobs().inNamespace(ns).withName(name).get();
            return now == null || finished(now);
        });
    }

    /**
     * Marks a running pod unready (its readiness probe would fail), or ready: again, or for the first time in a
     * held namespace.
     */
    public static void setReady(KubernetesClient client, Pod pod, boolean ready) {
        annotate(client, pod, Map.of(READY, Boolean.toString(ready)));
    }

    public static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }

    private static Pod runningPodOf(KubernetesClient client, String ns, String job) {
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
        return pods.stream().filter(p -> "Running".equals(phase(p))).findFirst().orElse(null);
    }

    /** A Job's pod whose process runs and has not been told how to end. */
    public static boolean awaitsExit(Pod pod) {
        return ownedByJob(pod) && "Running".equals(phase(pod)) && !annotations(pod).containsKey(EXIT_CODE);
    }

    /** Tells kwok how the pod's process ends; kwok then writes the terminated state and the phase. */
    public static void exit(KubernetesClient client, Pod pod, boolean succeeded, String message) {
        annotate(client, pod, Map.of(EXIT_CODE, succeeded ? "0" : "1", MESSAGE, message));
    }

    /** A merge patch through the object in hand: addressed by name, fabric8 would GET it first. */
    private static void annotate(KubernetesClient client, Pod pod, Map<String, String> annotations) {
        client.resource(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
    }

    private static boolean ownedByJob(Pod pod) {
        return pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> "Job".equals(o.getKind()));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Map<String, String> annotations(Pod pod) {
        return pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    }

    @Override
    public void close() {
        informer.close();
    }
}
