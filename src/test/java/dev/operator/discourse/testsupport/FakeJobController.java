package dev.operator.discourse.testsupport;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the Job controller and the kubelet for migration Jobs, which the test API server does not run: a Job
 * gets a finished pod (with the given termination message) and then a finished status. Tests that are about
 * migrations drive Jobs by hand with {@link #finish}; others let this succeed every Job at once.
 */
public final class FakeJobController implements AutoCloseable {

    private final SharedIndexInformer<Job> informer;

    private FakeJobController(SharedIndexInformer<Job> informer) {
        this.informer = informer;
    }

    /** Succeeds every Job created in the namespace, its pod reporting the given Discourse version. */
    public static FakeJobController succeedAll(KubernetesClient client, String namespace, String version) {
        return new FakeJobController(client.batch().v1().jobs().inNamespace(namespace)
                .inform(InformerHandlers.<Job>onAdd(job -> finish(client, job, true, version))));
    }

    /** Ends a Job the way the Job controller would, after its one pod ended with this termination message. */
    public static void finish(KubernetesClient client, Job job, boolean succeeded, String terminationMessage) {
        String ns = job.getMetadata().getNamespace();
        String podName = job.getMetadata().getName() + "-" + Long.toHexString(System.nanoTime() & 0xfffff);
        var pod = client.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns)
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                .addToLabels("job-name", job.getMetadata().getName())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build()).create();
        pod.setStatus(new PodStatusBuilder().withPhase(succeeded ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName("discourse").withImage(
                        job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                        .withImageID("").withReady(false).withRestartCount(0)
                        .withNewState().withNewTerminated().withExitCode(succeeded ? 0 : 1)
                        .withReason(succeeded ? "Completed" : "Error").withMessage(terminationMessage)
                        .endTerminated().endState().build())
                .build());
        client.pods().inNamespace(ns).resource(pod).updateStatus();
        String now = Instant.now().toString();
        client.batch().v1().jobs().inNamespace(ns).withName(job.getMetadata().getName()).editStatus(j -> {
            j.setStatus(new JobStatusBuilder().withStartTime(now)
                    .withSucceeded(succeeded ? 1 : null).withFailed(succeeded ? null : 1)
                    .withCompletionTime(succeeded ? now : null)
                    .withConditions(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed")
                            .withStatus("True").withLastProbeTime(now).withLastTransitionTime(now).build())
                    .build());
            return j;
        });
    }

    @Override
    public void close() {
        informer.close();
    }
}
