package dev.operator.discourse.restore;

import java.util.List;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.workload.WorkloadJobs;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The Jobs of one restore, each a copy of the web container with the uploads volume (the local backups folder is
 * on it, and the restore writes the uploads back to it). The archive's name and store reach the scripts by env,
 * never spliced into a command line. Named from the restore's uid and the step, so a restarted operator finds each
 * again and never runs one twice.
 */
public final class RestoreJobs {

    public static final String COMPONENT = "restore";
    public static final String LABEL_RESTORE = "discourse.operator.dev/restore";
    public static final String LABEL_STEP = "discourse.operator.dev/restore-step";
    public static final String ARCHIVE_ENV = "RESTORE_ARCHIVE";
    public static final String LOCATION_ENV = "RESTORE_LOCATION";
    public static final String CHECK_ENV = "RESTORE_CHECK";
    public static final String RESULT_ENV = "RESTORE_RESULT";

    /**
     * Finds the archive where Discourse's restore will look (BackupRestore::BackupStore.create(location:)#file), and
     * refuses an archive whose schema is newer than this image's, as Discourse's restore would, but before the forum
     * goes down: Discourse names an archive after the schema's migration version ("-v" and 14 digits).
     */
    static final String CHECK_RUBY = """
            name = ENV.fetch("RESTORE_ARCHIVE")
            location = ENV["RESTORE_LOCATION"].to_s.empty? ? SiteSetting.backup_location : ENV["RESTORE_LOCATION"]
            file = BackupRestore::BackupStore.create(location: location).file(name)
            abort("restore: no archive #{name} in the #{location} backup store") unless file
            archived = name[/-v(\\d{14})/, 1].to_i
            current = BackupRestore.current_version.to_i
            if archived > current
              abort("restore: archive #{name} holds schema version #{archived}, newer than this image's #{current}: " \\
                "run a newer image first")
            end
            puts "archive=#{file.filename}", "size=#{file.size}", "location=#{location}", "schema=#{archived}",
              "current=#{current}"
            """;

    private RestoreJobs() {
    }

    public static String name(DiscourseRestore restore, RestoreStep step) {
        String suffix = "-" + step.label() + "-" + WorkloadJobs.digest(restore.getMetadata().getUid() + "/" + step.label())
                .substring(0, 8);
        String name = restore.getMetadata().getName();
        return name.substring(0, Math.min(name.length(), 63 - suffix.length())) + suffix;
    }

    public static Job build(DiscourseRestore restore, StatefulSet live, RestoreStep step, String archive, String location) {
        List<EnvVar> env = WorkloadJobs.env(live);
        env.removeIf(e -> "SKIP_POST_DEPLOYMENT_MIGRATIONS".equals(e.getName()));
        env.add(new EnvVarBuilder().withName(ARCHIVE_ENV).withValue(archive).build());
        env.add(new EnvVarBuilder().withName(LOCATION_ENV).withValue(location == null ? "" : location).build());
        if (step == RestoreStep.CHECK) {
            env.add(new EnvVarBuilder().withName(CHECK_ENV).withValue(CHECK_RUBY).build());
        }
        return WorkloadJobs.build(restore, live, new WorkloadJobs.JobSpec(name(restore, step), labels(restore, step),
                Map.of(), null, env, script(step, restore.getSpec().isDisableEmails()), step != RestoreStep.MIGRATE));
    }

    static String script(RestoreStep step, boolean disableEmails) {
        String result = "\"${" + RESULT_ENV + ":-/dev/termination-log}\"";
        return switch (step) {
            case CHECK -> "set -eu\nbin/rails runner \"$" + CHECK_ENV + "\" > " + result + "\n";
            // Discourse refuses a restore unless allow_restore is on: on for the run, off after it, in whichever
            // database is there then. Its output goes to a file so that a failure reports the restore's own last
            // lines, not those of the disable_restore after it.
            case RESTORE -> "set -u\n"
                    + "bin/bundle exec script/discourse enable_restore || exit 1\n"
                    + "log=\"${TMPDIR:-/tmp}/restore.log\"\n"
                    + "rc=0\n"
                    + "bin/bundle exec script/discourse restore"
                    + (disableEmails ? "" : " --no-disable-emails")
                    + " ${" + LOCATION_ENV + ":+--location \"$" + LOCATION_ENV + "\"} \"$" + ARCHIVE_ENV + "\" > \"$log\" 2>&1"
                    + " || rc=$?\n"
                    + "cat \"$log\"\n"
                    + "bin/bundle exec script/discourse disable_restore || true\n"
                    // Discourse logs the exception, then its backtrace and clean-up: the exception lines come first
                    + "if [ \"$rc\" -ne 0 ]; then { grep -E 'EXCEPTION:|ERROR:' \"$log\" | tail -n 3 | cut -c1-300; "
                    + "echo --; tail -c 2500 \"$log\"; } > " + result + "; exit \"$rc\"; fi\n"
                    + "echo \"restored $" + ARCHIVE_ENV + "\" > " + result + "\n";
            // Discourse's restore migrated already; this makes the image's full schema (post-deployment
            // migrations included) a step of its own, and reports the version as the upgrade Jobs do.
            case MIGRATE -> "set -e\nSKIP_POST_DEPLOYMENT_MIGRATIONS=0 bin/bundle exec rake db:migrate\n"
                    + "bin/rails runner 'puts Discourse::VERSION::STRING' > " + result + "\n";
        };
    }

    public static Map<String, String> labels(DiscourseRestore restore, RestoreStep step) {
        Map<String, String> labels = WorkloadJobs.labels(COMPONENT, restore.getSpec().instanceName());
        labels.put(LABEL_RESTORE, restore.getMetadata().getName());
        labels.put(LABEL_STEP, step.label());
        return labels;
    }
}
