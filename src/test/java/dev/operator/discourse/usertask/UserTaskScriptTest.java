package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.UserOperation;
import dev.operator.discourse.testsupport.RepoPaths;

/**
 * The Job's script, run by a real sh in a stand-in app directory: bin/rails answers the checks as the test says,
 * bin/bundle is the admin:create stand-in the driver's own test uses, and the real driver sits between them. What
 * counts: which steps ran, what the termination message says, and that the password reached the driver's stdin
 * and no command's environment.
 */
class UserTaskScriptTest {

    private static final String PASSWORD = "Zq7-script-pw-42";

    @TempDir
    Path app;
    Path calls;
    Path answers;
    Path result;

    record Run(int exit, String log, String result, List<String> calls, List<String> answers) {
    }

    @BeforeEach
    void standIns() throws IOException {
        Path bin = Files.createDirectories(app.resolve("bin"));
        calls = app.resolve("calls.log");
        answers = app.resolve("answers.log");
        result = app.resolve("termination-log");
        // bin/rails runner <code>: says which check it ran, whether it saw the password, and exits as told
        executable(bin.resolve("rails"), """
                #!/bin/sh
                what=check; case "$2" in *email_tokens*) what=confirm;; esac
                echo "$what ${USER_TASK_EMAIL} password-in-env=${USER_TASK_PASSWORD:+yes}" >> "$STANDIN_CALLS"
                echo "rails says $what"
                [ "$what" = check ] && exit "${STANDIN_CHECK:-3}"
                exit "${STANDIN_CONFIRM:-0}"
                """);
        Path standIn = RepoPaths.root().resolve("src/test/resources/usertask/admin-create-standin.rb");
        executable(bin.resolve("bundle"), """
                #!/bin/sh
                echo "bundle $* password-in-env=${USER_TASK_PASSWORD:+yes}" >> "$STANDIN_CALLS"
                exec ruby '%s'
                """.formatted(standIn));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Run run(DiscourseUserTaskSpec spec, String password, Map<String, String> standIn) throws Exception {
        List<UserTaskStep> steps = UserTaskSteps.of(spec, password);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", UserTaskScript.render(steps)).directory(app.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(UserTaskJob.stepEnv(steps));
        if (password != null) {
            builder.environment().put(UserTaskScript.PASSWORD_ENV, password);
        }
        builder.environment().put(UserTaskScript.RESULT_ENV, result.toString());
        builder.environment().put("STANDIN_CALLS", calls.toString());
        builder.environment().put("STANDIN_LOG", answers.toString());
        builder.environment().putAll(standIn);
        Process process = builder.start();
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), log, Files.readString(result), lines(calls), lines(answers));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
    }

    @Test
    void aNewActiveUserIsCheckedCreatedAndConfirmedAndThePasswordOnlyReachesTheDriversStdin() throws Exception {
        Run run = run(UserTaskExecutionTest.spec(UserOperation.CREATE_USER), PASSWORD, Map.of());

        assertThat(run.exit()).as(run.log()).isZero();
        assertThat(run.result()).startsWith("3\n0\n0\n--\n");
        assertThat(run.calls()).containsExactly("check ann@example.com password-in-env=",
                "bundle exec rake admin:create password-in-env=", "confirm ann@example.com password-in-env=");
        assertThat(run.answers()).containsExactly("email=ann@example.com", "password=" + PASSWORD,
                "repeat=" + PASSWORD, "grant=n");
        assertThat(run.log()).contains("rails says check").contains("rails says confirm").doesNotContain(PASSWORD);
        assertThat(JobReplay.parse(run.result()).map(r -> UserTaskExecution.run(r,
                UserTaskExecutionTest.spec(UserOperation.CREATE_USER), PASSWORD, "ann-password").message()))
                .contains("Created user ann@example.com; the password is in Secret ann-password");
    }

    @Test
    void aTakenEmailStopsTheScriptAfterTheCheckAndFailsTheJob() throws Exception {
        Run run = run(UserTaskExecutionTest.spec(UserOperation.CREATE_USER), PASSWORD, Map.of("STANDIN_CHECK", "0"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.result()).isEqualTo("0\n--\nrails says check\n");
        assertThat(run.calls()).containsExactly("check ann@example.com password-in-env=");
        assertThat(run.answers()).isEmpty();
    }

    @Test
    void aFailingStepEndsTheMessageWithItsOutput() throws Exception {
        Run run = run(UserTaskExecutionTest.spec(UserOperation.CREATE_USER), PASSWORD, Map.of("STANDIN_CONFIRM", "1"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.result()).isEqualTo("3\n0\n1\n--\nrails says confirm\n");
    }

    @Test
    void promotingFeedsAnEmptyPasswordAndAnonymizeQuotesTheUsername() throws Exception {
        Run promote = run(UserTaskExecutionTest.spec(UserOperation.PROMOTE_USER), null,
                Map.of("STANDIN_CHECK", "0", "STANDIN_EXISTING", "1"));
        assertThat(promote.exit()).as(promote.log()).isZero();
        assertThat(promote.result()).startsWith("0\n0\n--\n");
        assertThat(promote.answers()).containsExactly("email=ann@example.com", "reset=n", "grant=Y");

        DiscourseUserTaskSpec anonymize = UserTaskExecutionTest.spec(UserOperation.ANONYMIZE_USER);
        anonymize.setUsername("ann_1");
        String script = UserTaskScript.render(UserTaskSteps.of(anonymize, null));
        assertThat(script).contains("step 0 0 'bin/bundle' 'exec' 'rake' 'users:anonymize[ann_1]'");
    }

    @Test
    void quotingKeepsEveryArgumentWhole() {
        assertThat(UserTaskScript.quote("it's $(id) `x` \"y\"")).isEqualTo("'it'\\''s $(id) `x` \"y\"'");
    }
}
