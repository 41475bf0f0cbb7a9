package dev.operator.discourse.workload;

import java.util.List;

import dev.operator.discourse.cache.CachePruning;
import dev.operator.discourse.cache.SharedCacheEventSource;
import dev.operator.discourse.cache.SharedCacheSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * The Jobs and pods the user task and backup reconcilers read, in one copy for both: the operator's own Jobs (a
 * backup waits for migrations and other backups), and the pods of its forums and Jobs (a ready forum pod; a Job
 * pod's termination message). The instance reconciler keeps its own pruned copy of the migration Jobs and pods.
 */
public final class JobCaches {

    public static final SharedCacheSpec<Job> JOBS = new SharedCacheSpec<>("operator-jobs", Job.class,
            WorkloadNames.LABEL_COMPONENT + " in (migration,user-task,backup,backup-prune,restore)," + WorkloadNames.MANAGED_SELECTOR,
            CachePruning.withoutManagedFields());

    public static final SharedCacheSpec<Pod> PODS = new SharedCacheSpec<>("operator-pods", Pod.class,
            WorkloadNames.MANAGED_SELECTOR, CachePruning.withoutManagedFields());

    private JobCaches() {
    }

    /** The Job cache among a controller's event sources (it registers one source of Jobs, from {@link #JOBS}). */
    @SuppressWarnings("unchecked")
    public static <P extends HasMetadata> SharedCacheEventSource<Job, P> jobs(Context<P> context) {
        return (SharedCacheEventSource<Job, P>) context.eventSourceRetriever().getEventSourceFor(Job.class);
    }

    /** The pod cache among a controller's event sources (from {@link #PODS}). */
    @SuppressWarnings("unchecked")
    public static <P extends HasMetadata> SharedCacheEventSource<Pod, P> pods(Context<P> context) {
        return (SharedCacheEventSource<Pod, P>) context.eventSourceRetriever().getEventSourceFor(Pod.class);
    }

    /** The pods of one Job, by the job-name label the Job controller gives them. */
    public static List<Pod> podsOf(Context<?> context, String ns, String job) {
        return pods(context).list(p -> ns.equals(p.getMetadata().getNamespace()) && p.getMetadata().getLabels() != null
                && job.equals(p.getMetadata().getLabels().get("job-name"))).toList();
    }
}
