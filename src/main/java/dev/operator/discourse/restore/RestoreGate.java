package dev.operator.discourse.restore;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.RestorePhase;
import dev.operator.discourse.workload.JobOutcome;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Whether a pending restore may start: one restore per forum at a time, the oldest first, and none while a
 * migration, backup or user task of the forum runs (Discourse's restore would fail on a running backup's lock, and
 * a half-migrated schema is no place to restore into).
 */
public final class RestoreGate {

    private static final Comparator<DiscourseRestore> FIRST_COME = Comparator
            .comparing((DiscourseRestore r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
            .thenComparing(r -> r.getMetadata().getName());

    private RestoreGate() {
    }

    public static Optional<String> waitFor(DiscourseRestore restore, Collection<DiscourseRestore> restores,
            Collection<Job> instanceJobs) {
        String instance = restore.getSpec().instanceName();
        String ns = restore.getMetadata().getNamespace();
        var siblings = restores.stream().filter(r -> ns.equals(r.getMetadata().getNamespace()))
                .filter(r -> r.getSpec() != null && instance.equals(r.getSpec().instanceName()))
                .filter(r -> !r.getMetadata().getName().equals(restore.getMetadata().getName())).toList();
        Optional<DiscourseRestore> active = siblings.stream().filter(RestoreGate::active).findFirst();
        if (active.isPresent()) {
            return Optional.of("Waiting for DiscourseRestore " + active.get().getMetadata().getName() + " of " + instance
                    + " to end: one restore at a time");
        }
        Optional<DiscourseRestore> earlier = siblings.stream().filter(RestoreGate::pending)
                .filter(r -> FIRST_COME.compare(r, restore) < 0).min(FIRST_COME);
        if (earlier.isPresent()) {
            return Optional.of("Waiting for DiscourseRestore " + earlier.get().getMetadata().getName() + ", which came first");
        }
        return runningJob(instanceJobs);
    }

    /**
     * A migration, backup, prune or user task Job of the forum that runs now. Asked again just before Discourse's
     * restore starts: one may have started while the archive was checked, with the forum still serving.
     */
    public static Optional<String> runningJob(Collection<Job> instanceJobs) {
        return instanceJobs.stream()
                .filter(j -> j.getMetadata().getLabels() != null && Set.of("migration", "backup", "backup-prune", "user-task")
                        .contains(j.getMetadata().getLabels().get(WorkloadNames.LABEL_COMPONENT)))
                .filter(j -> JobOutcome.of(j) == JobOutcome.RUNNING).findFirst()
                .map(j -> "Waiting for " + j.getMetadata().getLabels().get(WorkloadNames.LABEL_COMPONENT) + " Job "
                        + j.getMetadata().getName() + " to end");
    }


    /**
     * Between its check and its end. A failed one that still holds the forum is no obstacle: the next restore is
     * how one goes on, and the forum stays down under the old hold until the new one takes it over.
     */
    static boolean active(DiscourseRestore r) {
        if (r.getStatus() == null || r.getStatus().getPhase() == null || r.getStatus().getPhase() == RestorePhase.PENDING) {
            return false;
        }
        return !r.getStatus().getPhase().finished();
    }

    private static boolean pending(DiscourseRestore r) {
        return r.getStatus() == null || r.getStatus().getPhase() == null || r.getStatus().getPhase() == RestorePhase.PENDING;
    }
}
