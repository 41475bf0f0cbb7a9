package dev.operator.discourse.backup;

import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.workload.WorkloadJobs;
import dev.operator.discourse.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The Job that takes one backup with Discourse's own {@code script/discourse backup}, in a copy of the web container
 * with the uploads volume mounted (the local backups folder is on it, and the archive takes the uploads from it).
 * The archive's base name is the Job's, which comes from the backup's uid, so that the report that follows finds
 * this backup's archive and no other; Discourse appends its version and the extension. Then a Rails runner reports the archive as the backup
 * store lists it, and the Discourse version, as the container's termination message.
 */
public final class BackupJob {

    public static final String COMPONENT = "backup";
    public static final String LABEL_BACKUP = "discourse.operator.dev/backup";
    public static final String SELECTOR = WorkloadNames.LABEL_COMPONENT + "=" + COMPONENT + ","
            + WorkloadNames.MANAGED_SELECTOR;
    public static final String BASENAME_ENV = "BACKUP_BASENAME";
    public static final String REPORT_ENV = "BACKUP_REPORT";
    public static final String RESULT_ENV = "BACKUP_RESULT";

    /**
     * Lists the store as Discourse does (BackupRestore::BackupStore#files: filename, size), and the local folder
     * itself where a Discourse's listing may not know its own newest extension, and prints what the status needs,
     * or fails when this backup's archive is not there.
     */
    static final String REPORT_RUBY = """
            base = ENV.fetch("BACKUP_BASENAME")
            mine = ->(name) { name.start_with?(base + "-", base + ".") }
            store = BackupRestore::BackupStore.create
            file = store.files.find { |f| mine.(f.filename) }
            if file
              name, size = file.filename, file.size
            elsif !store.remote?
              path = Dir.glob(File.join(BackupRestore::LocalBackupStore.base_directory, base + "*")).find { |p| mine.(File.basename(p)) }
              name, size = File.basename(path), File.size(path) if path
            end
            abort("backup: no archive #{base}* in the #{SiteSetting.backup_location} backup store") unless name
            puts "archive=#{name}", "size=#{size}", "location=#{SiteSetting.backup_location}",
              "version=#{Discourse::VERSION::STRING}"
            """;

    private BackupJob() {
    }

    public static String name(DiscourseBackup backup) {
        return WorkloadJobs.onceFor(backup);
    }

    public static Job build(DiscourseBackup backup, StatefulSet live) {
        List<EnvVar> env = WorkloadJobs.env(live);
        env.add(new EnvVarBuilder().withName(BASENAME_ENV).withValue(name(backup)).build());
        env.add(new EnvVarBuilder().withName(REPORT_ENV).withValue(REPORT_RUBY).build());
        return WorkloadJobs.build(backup, live, new WorkloadJobs.JobSpec(name(backup), labels(backup), Map.of(), null, env,
                script(backup.getSpec().isWithUploads()), true));
    }

    static String script(boolean withUploads) {
        return "set -eu\n"
                + "bin/bundle exec script/discourse backup " + (withUploads ? "" : "--sql-only ") + "\"$" + BASENAME_ENV + "\"\n"
                + "bin/rails runner \"$" + REPORT_ENV + "\" > \"${" + RESULT_ENV + ":-/dev/termination-log}\"\n";
    }

    public static Map<String, String> labels(DiscourseBackup backup) {
        Map<String, String> labels = WorkloadJobs.labels(COMPONENT, backup.getSpec().instanceName());
        labels.put(LABEL_BACKUP, backup.getMetadata().getName());
        return labels;
    }
}
