package dev.operator.discourse.workload;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * One operator Job as the shared caches show it, read the same way by every controller that runs one: whether it
 * is there, how it ended, and its pod's last word (the termination message its script wrote, or its log's tail).
 *
 * @param outcome null while the Job is missing
 */
public record JobReading(String name, Optional<Job> job, JobOutcome outcome, Optional<String> message,
        boolean podRunning) {

    public static JobReading of(Context<?> context, String ns, String name) {
        Optional<Job> job = JobCaches.jobs(context).get(new ResourceID(name, ns));
        if (job.isEmpty()) {
            return new JobReading(name, job, null, Optional.empty(), false);
        }
        JobOutcome outcome = JobOutcome.of(job.get());
        if (outcome == JobOutcome.RUNNING) {
            return new JobReading(name, job, outcome, Optional.empty(), true);
        }
        List<Pod> pods = JobCaches.podsOf(context, ns, name);
        return new JobReading(name, job, outcome, JobOutcome.terminationMessage(name, pods), JobOutcome.anyPodRunning(pods));
    }

    public boolean missing() {
        return job.isEmpty();
    }

    public boolean running() {
        return outcome == JobOutcome.RUNNING;
    }

    public boolean succeeded() {
        return outcome == JobOutcome.SUCCEEDED;
    }

    /** Ended, but its pod has not shown its message yet and still runs: the pod's next event brings it. */
    public boolean messageOnItsWay() {
        return message.isEmpty() && podRunning;
    }
}
