package dev.operator.discourse.workload;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** How a Job ended, and what its pod said when it did (the version on success, the log tail on failure). */
public enum JobOutcome {
    RUNNING, SUCCEEDED, FAILED;

    static final int MAX_MESSAGE = 2000;

    public static JobOutcome of(Job job) {
        var status = job.getStatus();
        if (status == null) {
            return RUNNING;
        }
        if (status.getSucceeded() != null && status.getSucceeded() > 0) {
            return SUCCEEDED;
        }
        boolean failedCondition = status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
        if (failedCondition || (status.getFailed() != null && status.getFailed() > 0)) {
            return FAILED;
        }
        return RUNNING;
    }

    /** When the Job controller marked the Job failed, if it says. */
    public static Optional<Instant> failedAt(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst();
    }

    /** Whether a pod is not yet seen to end: its termination message may still come. */
    public static boolean anyPodRunning(List<Pod> pods) {
        return pods.stream().anyMatch(p -> p.getStatus() == null
                || !("Succeeded".equals(p.getStatus().getPhase()) || "Failed".equals(p.getStatus().getPhase())));
    }

    /** The termination message of the Job's discourse container, from the newest pod that has one. */
    public static Optional<String> terminationMessage(String jobName, List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getLabels() != null && jobName.equals(p.getMetadata().getLabels().get("job-name")))
                .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                .sorted((a, b) -> String.valueOf(b.getMetadata().getCreationTimestamp())
                        .compareTo(String.valueOf(a.getMetadata().getCreationTimestamp())))
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .map(ContainerStatus::getState)
                .filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated())
                .map(ContainerStateTerminated::getMessage)
                .filter(m -> m != null && !m.isBlank())
                .map(JobOutcome::tail)
                .findFirst();
    }

    static String tail(String message) {
        String trimmed = message.strip();
        return trimmed.length() <= MAX_MESSAGE ? trimmed : "…" + trimmed.substring(trimmed.length() - MAX_MESSAGE);
    }
}
