package dev.operator.discourse.workload;

import dev.operator.discourse.cache.CachePruning;
import dev.operator.discourse.cache.SharedCacheSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

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
}
