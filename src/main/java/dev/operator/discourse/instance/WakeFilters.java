package dev.operator.discourse.instance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.operator.discourse.workload.JobOutcome;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which updates of the objects the instance reconciler watches are worth a reconcile. The controllers rewrite
 * a Job's, a pod's and a claim's status several times on the way to the one change the planner reads; each of
 * those would wake the instance for nothing. The caches still take every update: a filter only decides whether
 * the instance is woken, so what a reconcile reads is always current.
 */
public final class WakeFilters {

    private WakeFilters() {
    }

    /** A migration Job: when it ends, or its conditions change (the planner reads when it failed). */
    public static boolean jobChanged(Job now, Job before) {
        return JobOutcome.of(now) != JobOutcome.of(before)
                || !Objects.equals(conditions(now), conditions(before))
                || !Objects.equals(now.getMetadata().getAnnotations(), before.getMetadata().getAnnotations());
    }

    /**
     * A migration Job's pod: when its phase changes or a container terminates, which is when its termination
     * message (the version, or the log tail) appears; not at each readiness or condition update.
     */
    public static boolean podChanged(Pod now, Pod before) {
        return !Objects.equals(phase(now), phase(before)) || !terminated(now).equals(terminated(before));
    }

    /**
     * The uploads claim: the instance reads its owners (the retention policy) and its requested size; binding,
     * and the volume controller's annotations and status, do not concern it.
     */
    public static boolean claimChanged(PersistentVolumeClaim now, PersistentVolumeClaim before) {
        return !Objects.equals(now.getMetadata().getOwnerReferences(), before.getMetadata().getOwnerReferences())
                || !Objects.equals(now.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp())
                || !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
                || !Objects.equals(requests(now), requests(before));
    }

    /**
     * A relation: when its spec, its status or its deletion changes, which is all the instance reads of it; not
     * when JOSDK adds its finalizer or a label arrives.
     */
    public static boolean relationChanged(CustomResource<?, ?> now, CustomResource<?, ?> before) {
        return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
                || !Objects.equals(now.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp())
                || !Objects.equals(now.getStatus(), before.getStatus());
    }

    /** {@link #claimChanged} for the dependent's informer annotation, which takes a class. */
    @RegisterForReflection
    public static final class ClaimUpdates implements OnUpdateFilter<PersistentVolumeClaim> {
        @Override
        public boolean accept(PersistentVolumeClaim now, PersistentVolumeClaim before) {
            return claimChanged(now, before);
        }
    }

    private static Object conditions(Job job) {
        return Optional.ofNullable(job.getStatus()).map(JobStatus::getConditions).orElse(List.of());
    }

    private static String phase(Pod pod) {
        return Optional.ofNullable(pod.getStatus()).map(PodStatus::getPhase).orElse(null);
    }

    private static List<String> terminated(Pod pod) {
        return Optional.ofNullable(pod.getStatus()).map(PodStatus::getContainerStatuses).orElse(List.of()).stream()
                .filter(c -> c.getState() != null && c.getState().getTerminated() != null)
                .map(ContainerStatus::getName).toList();
    }

    private static Object requests(PersistentVolumeClaim claim) {
        return claim.getSpec() == null || claim.getSpec().getResources() == null ? null
                : claim.getSpec().getResources().getRequests();
    }
}
