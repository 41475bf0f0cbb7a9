package dev.operator.discourse.backup;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.workload.JobOutcome;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * Whether a pending backup may start now, and if not, what it waits for. One backup or migration at a time per
 * instance, because Discourse's own lock on backups is not atomic and a failed run clears another's; the oldest
 * pending backup goes first, so two that wait cannot both start when the way clears. A web pod must be ready: it
 * says the database is migrated to what the image expects.
 */
public final class BackupGate {

    private static final Comparator<DiscourseBackup> FIRST_COME = Comparator
            .comparing((DiscourseBackup b) -> String.valueOf(b.getMetadata().getCreationTimestamp()))
            .thenComparing(b -> b.getMetadata().getName());

    private BackupGate() {
    }

    /**
     * @param backups every backup of the same instance, this one included
     * @param jobs the migration and backup Jobs of the instance
     * @param live the web StatefulSet, if there is one
     */
    public static Optional<String> waitFor(DiscourseBackup backup, Collection<DiscourseBackup> backups,
            Collection<Job> jobs, Optional<StatefulSet> live) {
        String instance = backup.getSpec().instanceName();
        Optional<DiscourseBackup> running = backups.stream().filter(b -> !b.getMetadata().getName().equals(backup.getMetadata().getName()))
                .filter(b -> b.getStatus() != null && b.getStatus().getPhase() == BackupPhase.RUNNING).findFirst();
        if (running.isPresent()) {
            return Optional.of("Waiting for DiscourseBackup " + running.get().getMetadata().getName() + " of " + instance
                    + " to end: one backup at a time");
        }
        Optional<DiscourseBackup> earlier = backups.stream().filter(BackupGate::pending)
                .filter(b -> FIRST_COME.compare(b, backup) < 0).min(FIRST_COME);
        if (earlier.isPresent()) {
            return Optional.of("Waiting for DiscourseBackup " + earlier.get().getMetadata().getName()
                    + ", which came first");
        }
        Optional<Job> migrating = jobs.stream()
                .filter(j -> "migration".equals(j.getMetadata().getLabels().get(WorkloadNames.LABEL_COMPONENT)))
                .filter(j -> JobOutcome.of(j) == JobOutcome.RUNNING).findFirst();
        if (migrating.isPresent()) {
            return Optional.of("Waiting for migration Job " + migrating.get().getMetadata().getName() + " to end");
        }
        boolean ready = live.map(s -> s.getStatus() != null && s.getStatus().getReadyReplicas() != null
                && s.getStatus().getReadyReplicas() > 0).orElse(false);
        if (!ready) {
            return Optional.of("Waiting for a ready pod of DiscourseInstance " + instance);
        }
        return Optional.empty();
    }

    private static boolean pending(DiscourseBackup b) {
        return b.getStatus() == null || b.getStatus().getPhase() == null || b.getStatus().getPhase() == BackupPhase.PENDING;
    }
}
