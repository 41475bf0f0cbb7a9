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

import dev.operator.discourse.testsupport.RepoPaths;

/**
 * The driver, run by a real Ruby with HighLine (Debian's, installed by scripts/setup-test-env.sh) against a
 * stand-in for rake admin:create that asks Discourse's questions in Discourse's order
 * (src/test/resources/usertask/admin-create-standin.rb). What counts is which answer reached which question.
 */
class AdminCreateDriverTest {

    private static final String PASSWORD = "Zq7-driver-pw-91";

    @TempDir
    Path app;
    Path log;

    record Run(int exit, String output, List<String> answers) {
    }

    @BeforeEach
    void standIn() throws IOException {
        assertThat(Files.isExecutable(Path.of("/usr/bin/ruby"))).as("ruby is installed (scripts/setup-test-env.sh)").isTrue();
        Path bin = Files.createDirectories(app.resolve("bin"));
        Path bundle = bin.resolve("bundle");
        Path standIn = RepoPaths.root().resolve("src/test/resources/usertask/admin-create-standin.rb");
        // `bin/bundle exec rake admin:create`, as the driver calls it in /srv/discourse/app
        Files.writeString(bundle, "#!/bin/sh\nexec ruby '" + standIn + "'\n");
        Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rwxr-xr-x"));
        log = app.resolve("answers.log");
    }

    private Run run(Command command, Map<String, String> standInMode) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).directory(app.toFile()).redirectErrorStream(true);
        builder.environment().putAll(command.env());
        builder.environment().putAll(standInMode);
        builder.environment().put("STANDIN_LOG", log.toString());
        Process process = builder.start();
        process.getOutputStream().write(command.stdin().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> answers = Files.exists(log) ? Files.readAllLines(log) : new ArrayList<>();
        return new Run(process.exitValue(), output, answers);
    }

    @Test
    void aNewAdminGetsEachAnswerAtItsQuestion() throws Exception {
        Run run = run(UserTaskCommands.createUser("ann@example.com", PASSWORD, true), Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.answers()).containsExactly("email=ann@example.com", "password=" + PASSWORD,
                "repeat=" + PASSWORD, "grant=Y");
        assertThat(run.output()).contains("Your account now has Admin privileges!").doesNotContain(PASSWORD);
    }

    @Test
    void aNewUserIsRefusedAdmin() throws Exception {
        Run run = run(UserTaskCommands.createUser("bob@example.com", PASSWORD, false), Map.of());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.answers()).endsWith("grant=n");
    }

    @Test
    void aRequiredFullNameStopsTheTaskInsteadOfTakingTheNextAnswer() throws Exception {
        Run run = run(UserTaskCommands.createUser("ann@example.com", PASSWORD, true), Map.of("STANDIN_FULL_NAME", "1"));
        assertThat(run.exit()).isEqualTo(AdminCreateDriver.UNEXPECTED_PROMPT);
        assertThat(run.answers()).noneMatch(a -> a.startsWith("name=")).noneMatch(a -> a.startsWith("grant="));
        assertThat(FailureReason.of(run.output(), PASSWORD)).startsWith("user-task: this site requires a full name")
                .contains("full_name_requirement");
    }

    @Test
    void aRefusedAccountIsNotAnsweredWithTheNextLineAsAnEmail() throws Exception {
        Run run = run(UserTaskCommands.createUser("ann@example.com", PASSWORD, true), Map.of("STANDIN_REFUSE", "1"));
        assertThat(run.exit()).isEqualTo(AdminCreateDriver.UNEXPECTED_PROMPT);
        assertThat(run.answers()).filteredOn(a -> a.startsWith("email=")).containsExactly("email=ann@example.com");
        assertThat(run.output()).contains("Password is too common.");
        assertThat(FailureReason.of(run.output(), PASSWORD)).contains("refused the account");
    }

    @Test
    void promotingKeepsThePasswordAndGrantsAdmin() throws Exception {
        Run run = run(UserTaskCommands.promoteUser("ann@example.com"), Map.of("STANDIN_EXISTING", "1"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.answers()).containsExactly("email=ann@example.com", "reset=n", "grant=Y");
    }

    @Test
    void creatingAnExistingEmailNeverResetsItsPassword() throws Exception {
        Run run = run(UserTaskCommands.createUser("ann@example.com", PASSWORD, true), Map.of("STANDIN_EXISTING", "1"));
        assertThat(run.exit()).isEqualTo(AdminCreateDriver.UNEXPECTED_PROMPT);
        assertThat(run.answers()).containsExactly("email=ann@example.com");
        assertThat(FailureReason.of(run.output(), PASSWORD)).contains("exists").contains("reset its password");
    }
}
