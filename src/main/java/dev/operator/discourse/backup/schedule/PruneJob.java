package dev.operator.discourse.backup.schedule;

import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.backup.BackupJob;
import dev.operator.discourse.workload.WorkloadJobs;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The Job that deletes one pruned backup's archive with Discourse's own backup store, in a copy of the web
 * container with the uploads volume mounted (the local store is on it). The store is the one the backup reported
 * (local or s3), not whatever the site uses now. Discourse's {@code delete_file} does nothing for a file already
 * gone, so a Job run again after a crash, or an archive Discourse's own {@code maximum_backups} pruning took first,
 * succeeds. The archive's name reaches Ruby through the env, never inside the code; the local store refuses a
 * name that leaves its folder. The Job is owned by the backup, so it goes when the backup object is deleted.
 */
public final class PruneJob {

    public static final String COMPONENT = "backup-prune";
    public static final String ARCHIVE_ENV = "PRUNE_ARCHIVE";
    public static final String LOCATION_ENV = "PRUNE_LOCATION";
    public static final String RUBY_ENV = "BACKUP_PRUNE";
    static final String SUFFIX = "-prune";

    static final String PRUNE_RUBY = """
            name = ENV.fetch("PRUNE_ARCHIVE")
            location = ENV["PRUNE_LOCATION"].presence
            store = BackupRestore::BackupStore.create(location: location)
            abort("prune: no backup store for location #{location.inspect}") unless store
            store.delete_file(name)
            puts "deleted=#{name}", "location=#{location || SiteSetting.backup_location}"
            """;

    private PruneJob() {
    }

    /** The backup's name cut to fit, a digest of its uid (as its backup Job's), and "-prune": one per backup. */
    public static String name(DiscourseBackup backup) {
        String suffix = "-" + WorkloadJobs.digest(backup.getMetadata().getUid()).substring(0, 8) + SUFFIX;
        String name = backup.getMetadata().getName();
        return name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
    }

    public static Job build(DiscourseBackup backup, StatefulSet live) {
        List<EnvVar> env = WorkloadJobs.env(live);
        env.add(new EnvVarBuilder().withName(ARCHIVE_ENV).withValue(backup.getStatus().getArchive()).build());
        if (backup.getStatus().getLocation() != null) {
            env.add(new EnvVarBuilder().withName(LOCATION_ENV).withValue(backup.getStatus().getLocation()).build());
        }
        env.add(new EnvVarBuilder().withName(RUBY_ENV).withValue(PRUNE_RUBY).build());
        return WorkloadJobs.build(backup, live, new WorkloadJobs.JobSpec(name(backup), labels(backup), Map.of(), null, env,
                SCRIPT, true));
    }

    static final String SCRIPT = "set -eu\nbin/rails runner \"$" + RUBY_ENV + "\"\n";

    public static Map<String, String> labels(DiscourseBackup backup) {
        Map<String, String> labels = WorkloadJobs.labels(COMPONENT, backup.getSpec().instanceName());
        labels.put(BackupJob.LABEL_BACKUP, backup.getMetadata().getName());
        String schedule = backup.getMetadata().getLabels() == null ? null
                : backup.getMetadata().getLabels().get(ScheduledBackups.LABEL_SCHEDULE);
        if (schedule != null) {
            labels.put(ScheduledBackups.LABEL_SCHEDULE, schedule);
        }
        return labels;
    }
}
