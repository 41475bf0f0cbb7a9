package dev.operator.discourse.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.operator.discourse.api.v1alpha1.DiscourseRestore;
import dev.operator.discourse.api.v1alpha1.DiscourseRestoreSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The restore's Jobs, and the restore script run by a real sh against a stand-in bin/bundle that records its
 * arguments and ends as the test says: what Discourse's CLI is asked, in which order, and what the operator reads.
 */
class RestoreJobsTest {

    @TempDir
    Path app;

    @Test
    void eachStepHasItsOwnStableNameWithinTheLabelLimit() {
        DiscourseRestore restore = restore("a-restore-with-a-rather-long-name-that-goes-on-and-on-and-on", true);
        String check = RestoreJobs.name(restore, RestoreStep.CHECK);
        assertThat(check).hasSizeLessThanOrEqualTo(63).contains("-check-");
        assertThat(RestoreJobs.name(restore, RestoreStep.CHECK)).isEqualTo(check);
        assertThat(RestoreJobs.name(restore, RestoreStep.RESTORE)).isNotEqualTo(check).contains("-restore-");
        restore.getMetadata().setUid("another-uid");
        assertThat(RestoreJobs.name(restore, RestoreStep.CHECK)).as("another restore of the same name").isNotEqualTo(check);
    }

    @Test
    void theArchiveReachesTheJobsByEnvAndOnlyTheRestoreStepsMountTheUploads() {
        DiscourseRestore restore = restore("back", true);
        Job check = RestoreJobs.build(restore, live(), RestoreStep.CHECK, "forum-v20251120000000.tar.gz", "s3");
        var container = check.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("DISCOURSE_DB_HOST", RestoreJobs.ARCHIVE_ENV,
                RestoreJobs.LOCATION_ENV, RestoreJobs.CHECK_ENV);
        assertThat(String.join(" ", container.getCommand())).doesNotContain("forum-v20251120000000");
        assertThat(check.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "restore")
                .containsEntry(RestoreJobs.LABEL_RESTORE, "back").containsEntry(RestoreJobs.LABEL_STEP, "check");
        assertThat(check.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v ->
                assertThat(v.getPersistentVolumeClaim()).isNotNull());
        Job migrate = RestoreJobs.build(restore, live(), RestoreStep.MIGRATE, "x.tar.gz", null);
        assertThat(migrate.getSpec().getTemplate().getSpec().getVolumes()).as("no claim, so no volume at all").isNull();
        assertThat(migrate.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("SKIP_POST_DEPLOYMENT_MIGRATIONS"));
    }

    @Test
    void theCheckAsksDiscoursesStoreAndRefusesANewerSchemaBeforeTheForumGoesDown() {
        assertThat(RestoreJobs.CHECK_RUBY).contains("BackupRestore::BackupStore.create(location: location).file(name)")
                .contains("BackupRestore.current_version").contains("abort(");
    }

    @Test
    void aRestoreRunsWithRestoresAllowedThenForbidsThemAgain() throws Exception {
        Result r = run(RestoreStep.RESTORE, true, "forum-v1.tar.gz", "s3", 0);
        assertThat(r.exit).isZero();
        assertThat(r.calls).containsExactly("exec script/discourse enable_restore",
                "exec script/discourse restore --location s3 forum-v1.tar.gz",
                "exec script/discourse disable_restore");
        assertThat(r.result).isEqualTo("restored forum-v1.tar.gz\n");
    }

    @Test
    void withoutALocationOrDisabledEmailsTheRestoreGetsNeitherFlag() throws Exception {
        Result r = run(RestoreStep.RESTORE, false, "a b.tar.gz", "", 0);
        assertThat(r.calls).contains("exec script/discourse restore --no-disable-emails a b.tar.gz");
    }

    @Test
    void aFailedRestoreReportsItsOwnLastLinesAndItsExitStatus() throws Exception {
        Result r = run(RestoreStep.RESTORE, true, "forum.tar.gz", "local", 1);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.result).as("the exception, though a long backtrace follows it").startsWith("EXCEPTION: psql failed\n--\n")
                .contains("[FAILED]").doesNotContain("Disabling restore").hasSizeLessThan(4096);
        assertThat(RestoreOutput.reason(r.result)).isEqualTo("EXCEPTION: psql failed");
        assertThat(r.calls).last().isEqualTo("exec script/discourse disable_restore");
    }

    @Test
    void aRestoreNotAllowedToStartRunsNothing() throws Exception {
        Result r = run(RestoreStep.RESTORE, true, "forum.tar.gz", "local", 0, "enable_restore");
        assertThat(r.exit).isNotZero();
        assertThat(r.calls).containsExactly("exec script/discourse enable_restore");
    }

    private record Result(int exit, List<String> calls, String result) {
    }

    /**
     * @param failing the CLI command (first argument after script/discourse) that fails, or none
     */
    private Result run(RestoreStep step, boolean disableEmails, String archive, String location, int restoreExit,
            String... failing) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(app.resolve("bin"));
        Path calls = app.resolve("calls");
        String fail = failing.length == 0 ? "" : failing[0];
        Files.writeString(bin.resolve("bundle"), """
                #!/bin/sh
                echo "$*" >> "%s"
                case "$3" in
                  %s) echo "cannot"; exit 3 ;;
                  restore) echo "Starting restore"; echo "EXCEPTION: psql failed"
                    i=0; while [ $i -lt 200 ]; do echo "/srv/discourse/app/lib/backup_restore/x.rb:$i:in 'y'"; i=$((i+1)); done
                    echo "Trying to rollback..."; echo "[FAILED]"; exit %d ;;
                esac
                echo "Disabling restore..."
                """.formatted(calls, fail.isEmpty() ? "__none__" : fail, restoreExit), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin.resolve("bundle"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path result = app.resolve("result");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", RestoreJobs.script(step, disableEmails))
                .directory(app.toFile()).redirectErrorStream(true);
        builder.environment().putAll(Map.of(RestoreJobs.ARCHIVE_ENV, archive, RestoreJobs.LOCATION_ENV, location,
                RestoreJobs.RESULT_ENV, result.toString(), "TMPDIR", app.toString()));
        Process p = builder.start();
        p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        return new Result(exit, Files.exists(calls) ? Files.readAllLines(calls) : List.of(),
                Files.exists(result) ? Files.readString(result) : "");
    }

    static DiscourseRestore restore(String name, boolean disableEmails) {
        DiscourseRestore restore = new DiscourseRestore();
        restore.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid("uid-1").build());
        DiscourseRestoreSpec spec = new DiscourseRestoreSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setConfirmInstanceName("forum");
        spec.setDisableEmails(disableEmails);
        restore.setSpec(spec);
        return restore;
    }

    static StatefulSet live() {
        return new StatefulSetBuilder().withNewMetadata().withName("forum").endMetadata().withNewSpec()
                .withNewSelector().addToMatchLabels("app.kubernetes.io/instance", "forum").endSelector()
                .withNewTemplate().withNewSpec()
                .addNewContainer().withName("discourse").withImage("discourse:3.6")
                .addNewEnv().withName("DISCOURSE_DB_HOST").withValue("db").endEnv()
                .addNewEnv().withName("SKIP_POST_DEPLOYMENT_MIGRATIONS").withValue("1").endEnv()
                .addNewVolumeMount().withName("uploads").withMountPath("/srv/discourse/app/public/uploads").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim().withClaimName("forum-uploads")
                .endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }
}
