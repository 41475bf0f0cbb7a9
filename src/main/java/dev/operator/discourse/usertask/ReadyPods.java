package dev.operator.discourse.usertask;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Pod;

/** Picks the pod to run in: ready, not going away, with the Discourse container; the first by name, so it is stable. */
public final class ReadyPods {

    private ReadyPods() {
    }

    public static Optional<Pod> pick(Collection<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .filter(p -> p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .filter(p -> p.getSpec() != null && p.getSpec().getContainers().stream()
                        .anyMatch(c -> WorkloadNames.CONTAINER.equals(c.getName())))
                .min(Comparator.comparing(p -> p.getMetadata().getName()));
    }
}
