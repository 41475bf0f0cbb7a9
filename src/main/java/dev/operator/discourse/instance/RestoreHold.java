package dev.operator.discourse.instance;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.instance.migration.MigrationPlan;

/**
 * A restore that says it holds the forum wins over every other reason for replicas: web and Sidekiq stay at zero,
 * no migration Job starts or is removed, and the image stays what runs. The restore's status is the only memory
 * of the hold, so an operator restarted mid-restore keeps the forum down.
 */
public final class RestoreHold {

    private RestoreHold() {
    }

    public static Optional<DiscourseRestore> holding(Stream<DiscourseRestore> restores) {
        // one being deleted still holds until it is gone: it waits for its running Job first
        return restores.filter(r -> r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().getHoldsForum()))
                .min(Comparator.comparing(r -> r.getMetadata().getName()));
    }

    public static MigrationPlan apply(MigrationPlan plan, DiscourseRestore restore, String liveImage) {
        String message = "Held at zero replicas by DiscourseRestore " + restore.getMetadata().getName() + " ("
                + restore.getStatus().getPhase() + "): " + restore.getStatus().getMessage();
        return new MigrationPlan(InstancePhase.Restoring, liveImage != null ? liveImage : plan.workloadImage(), true,
                Optional.empty(), List.of(), plan.migration(), null, plan.discourseVersion(), message, null);
    }
}
