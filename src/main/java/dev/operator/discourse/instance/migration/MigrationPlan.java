package dev.operator.discourse.instance.migration;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.InstancePhase;
import dev.operator.discourse.api.v1alpha1.MigrationStatus;

/**
 * What the migrations allow this reconcile: the image the StatefulSet may run, whether it must stay at zero
 * replicas (a first install before its schema exists), the one Job to start or the Jobs to remove, the
 * DiscourseBackup to take before an upgrade, and when to look again if nothing else would wake the reconciler
 * (recheck, null when events suffice). failureReason names a failure for the conditions and the event.
 */
public record MigrationPlan(InstancePhase phase, String workloadImage, boolean holdAtZero, Optional<MigrationStep> start,
        List<String> delete, MigrationStatus migration, String failure, String discourseVersion, String message,
        Duration recheck, Optional<String> takeBackup, String failureReason) {

    public MigrationPlan(InstancePhase phase, String workloadImage, boolean holdAtZero, Optional<MigrationStep> start,
            List<String> delete, MigrationStatus migration, String failure, String discourseVersion, String message,
            Duration recheck) {
        this(phase, workloadImage, holdAtZero, start, delete, migration, failure, discourseVersion, message, recheck,
                Optional.empty(), failure == null ? null : "MigrationFailed");
    }

    public MigrationPlan(InstancePhase phase, String workloadImage, boolean holdAtZero, Optional<MigrationStep> start,
            List<String> delete, MigrationStatus migration, String failure, String discourseVersion, String message) {
        this(phase, workloadImage, holdAtZero, start, delete, migration, failure, discourseVersion, message, null);
    }

    public boolean failed() {
        return failure != null;
    }

    static MigrationPlan pending(String image, String message) {
        return new MigrationPlan(InstancePhase.Pending, image, false, Optional.empty(), List.of(), null, null, null, message);
    }
}
