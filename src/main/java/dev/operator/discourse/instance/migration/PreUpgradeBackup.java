package dev.operator.discourse.instance.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.BackupPhase;
import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.api.v1alpha1.DiscourseBackupSpec;
import dev.operator.discourse.api.v1alpha1.DiscourseInstance;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.workload.WorkloadJobs;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * The backup an upgrade takes first when spec.upgrade.backupFirst is set: one per instance and target image, named
 * from both, so that a restarted operator finds it again and an upgrade never takes two. It is not owned by the
 * instance: the record of an archive outlives the forum it came from, as the archive does.
 */
public final class PreUpgradeBackup {

    public static final String LABEL_UPGRADE = "discourse.operator.dev/pre-upgrade";

    private PreUpgradeBackup() {
    }

    public static String name(String instance, String image) {
        String suffix = "-pre-upgrade-" + WorkloadJobs.digest(image).substring(0, 10);
        return instance.substring(0, Math.min(instance.length(), 63 - suffix.length())) + suffix;
    }

    public static DiscourseBackup build(DiscourseInstance instance, String image) {
        DiscourseBackup backup = new DiscourseBackup();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(WorkloadNames.LABEL_MANAGED_BY, WorkloadNames.MANAGED_BY);
        labels.put(LABEL_UPGRADE, instance.getMetadata().getName());
        backup.setMetadata(new ObjectMetaBuilder().withName(name(instance.getMetadata().getName(), image))
                .withNamespace(instance.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(Map.of("discourse.operator.dev/upgrade-to", image)).build());
        DiscourseBackupSpec spec = new DiscourseBackupSpec();
        spec.setInstanceRef(new InstanceRef(instance.getMetadata().getName()));
        spec.setWithUploads(instance.getSpec().getUpgrade().isBackupWithUploads());
        backup.setSpec(spec);
        return backup;
    }

    /** A backup of the instance that runs now, which no migration may start beside. */
    static Optional<String> running(List<DiscourseBackup> backups) {
        return backups.stream().filter(b -> b.getStatus() != null && b.getStatus().getPhase() == BackupPhase.RUNNING)
                .map(b -> b.getMetadata().getName()).sorted().findFirst();
    }

    /**
     * What the upgrade to image waits for, or empty when it may run its migrations: the backup made (takeBackup),
     * waited for, or failed (the upgrade stops).
     */
    static Optional<MigrationPlan> gate(DiscourseInstance instance, String image, String liveImage,
            List<DiscourseBackup> backups, String version) {
        String name = name(instance.getMetadata().getName(), image);
        Optional<DiscourseBackup> backup = backups.stream().filter(b -> name.equals(b.getMetadata().getName())).findFirst();
        String upgrade = "upgrading to " + image;
        if (backup.isEmpty()) {
            return Optional.of(plan(liveImage, Optional.of(name), null, null, version,
                    "Taking DiscourseBackup " + name + " before " + upgrade));
        }
        BackupPhase phase = backup.get().getStatus() == null ? null : backup.get().getStatus().getPhase();
        if (phase == BackupPhase.SUCCEEDED) {
            return Optional.empty();
        }
        if (phase == BackupPhase.FAILED) {
            String failure = "DiscourseBackup " + name + ", taken before " + upgrade + ", failed: "
                    + backup.get().getStatus().getMessage();
            return Optional.of(plan(liveImage, Optional.empty(), failure, "UpgradeBackupFailed", version, failure
                    + ". The upgrade stops and the old pods keep serving: delete that DiscourseBackup to try again, or "
                    + "set spec.upgrade.backupFirst to false"));
        }
        return Optional.of(plan(liveImage, Optional.empty(), null, null, version, "Waiting for DiscourseBackup " + name
                + " before " + upgrade + (backup.get().getStatus() == null ? "" : ": " + backup.get().getStatus().getMessage())));
    }

    private static MigrationPlan plan(String liveImage, Optional<String> take, String failure, String reason,
            String version, String message) {
        return new MigrationPlan(dev.operator.discourse.api.v1alpha1.InstancePhase.Migrating, liveImage, false,
                Optional.empty(), List.of(), null, failure, version, message, null, take, reason);
    }
}
