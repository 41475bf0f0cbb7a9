package dev.operator.discourse.usertask;

import static dev.operator.discourse.usertask.RecordingRunner.exit;
import static dev.operator.discourse.usertask.RecordingRunner.isCheck;
import static dev.operator.discourse.usertask.RecordingRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.UserOperation;

/** Each operation and each failure, with the runner substituted: the exact commands, in order, and the result. */
class UserTaskExecutionTest {

    private static final String PASSWORD = "Abc123def456GHI7";
    private static final String EMAIL = "ann@example.com";

    @Test
    void createChecksCreatesAndConfirmsAnActiveNonAdmin() {
        var runner = new RecordingRunner(c -> isCheck(c) ? exit(3, "") : ok());
        UserTaskOutcome outcome = run(runner, create(false, true));

        assertThat(outcome).isEqualTo(new UserTaskOutcome(true, "Succeeded",
                "Created user ann@example.com; the password is in Secret t-password"));
        assertThat(runner.commands()).containsExactly(UserTaskCommands.userExists(EMAIL),
                UserTaskCommands.createUser(EMAIL, PASSWORD, false), UserTaskCommands.confirmEmail(EMAIL));
        assertThat(runner.commands().get(1).stdin()).isEqualTo(PASSWORD + "\n");
    }

    @Test
    void anAdminOrAnInactiveUserIsNotConfirmed() {
        var runner = new RecordingRunner(c -> isCheck(c) ? exit(3, "") : ok());
        assertThat(run(runner, create(true, true)).message()).startsWith("Created admin user ann@example.com");
        assertThat(runner.commands()).containsExactly(UserTaskCommands.userExists(EMAIL),
                UserTaskCommands.createUser(EMAIL, PASSWORD, true));

        var inactive = new RecordingRunner(c -> isCheck(c) ? exit(3, "") : ok());
        assertThat(run(inactive, create(false, false)).succeeded()).isTrue();
        assertThat(inactive.commands()).hasSize(2);
    }

    @Test
    void createFailsWithoutRunningRakeWhenTheEmailIsTaken() {
        var runner = new RecordingRunner(c -> ok());
        assertThat(run(runner, create(false, true))).isEqualTo(new UserTaskOutcome(false, "UserExists",
                "User with email ann@example.com already exists"));
        assertThat(runner.commands()).containsExactly(UserTaskCommands.userExists(EMAIL));
    }

    @Test
    void aCheckThatCannotBootRailsIsAFailureNotAnAnswer() {
        var runner = new RecordingRunner(c -> exit(1, "boot\nPG::ConnectionBad: could not connect to server\n"));
        assertThat(run(runner, create(false, true))).isEqualTo(new UserTaskOutcome(false, "CheckFailed",
                "Checking for a user with email ann@example.com failed (exit 1): "
                        + "PG::ConnectionBad: could not connect to server"));
        assertThat(runner.commands()).hasSize(1);
    }

    @Test
    void aFailingRakeIsReportedWithItsLastLineAndThePasswordMasked() {
        var runner = new RecordingRunner(c -> isCheck(c) ? exit(3, "")
                : exit(1, "Password:\nPassword " + PASSWORD + " is too common\n\n"));
        UserTaskOutcome outcome = run(runner, create(false, true));
        assertThat(outcome).isEqualTo(new UserTaskOutcome(false, "CommandFailed",
                "rake admin:create failed (exit 1): Password ****** is too common"));
        assertThat(runner.commands()).hasSize(2);
    }

    @Test
    void aUserThatVanishesBeforeItsConfirmationFailsInTheCharmsWords() {
        var runner = new RecordingRunner(c -> isCheck(c) || c.equals(UserTaskCommands.confirmEmail(EMAIL))
                ? exit(3, "") : ok());
        assertThat(run(runner, create(false, true))).isEqualTo(new UserTaskOutcome(false, "UserNotFound",
                "Could not find user ann@example.com to activate"));
    }

    @Test
    void promoteChecksThenRunsAdminCreate() {
        var runner = new RecordingRunner(c -> ok());
        assertThat(run(runner, spec(UserOperation.PROMOTE_USER))).isEqualTo(new UserTaskOutcome(true, "Succeeded",
                "Promoted user ann@example.com to admin"));
        assertThat(runner.commands()).containsExactly(UserTaskCommands.userExists(EMAIL),
                UserTaskCommands.promoteUser(EMAIL));
        assertThat(runner.commands().get(1).env()).containsEntry("USER_TASK_MODE", "promote");
    }

    @Test
    void promotingAMissingUserFailsWithoutRunningRake() {
        var runner = new RecordingRunner(c -> exit(3, ""));
        assertThat(run(runner, spec(UserOperation.PROMOTE_USER))).isEqualTo(new UserTaskOutcome(false, "UserNotFound",
                "User with email ann@example.com does not exist"));
        assertThat(runner.commands()).hasSize(1);
    }

    @Test
    void aFailingPromoteIsReported() {
        var runner = new RecordingRunner(c -> isCheck(c) ? ok() : exit(1, "rake aborted!\nActiveRecord::RecordInvalid"));
        assertThat(run(runner, spec(UserOperation.PROMOTE_USER))).isEqualTo(new UserTaskOutcome(false, "CommandFailed",
                "rake admin:create failed (exit 1): ActiveRecord::RecordInvalid"));
    }

    @Test
    void aQuestionTheDriverCannotAnswerIsAnUnexpectedPromptNotAPlainFailure() {
        var runner = new RecordingRunner(c -> isCheck(c) ? exit(3, "")
                : exit(AdminCreateDriver.UNEXPECTED_PROMPT, "Full name:  \nuser-task: this site requires a full name"));
        assertThat(run(runner, spec(UserOperation.CREATE_USER)).reason()).isEqualTo("UnexpectedPrompt");
        var promote = new RecordingRunner(c -> isCheck(c) ? ok()
                : exit(AdminCreateDriver.UNEXPECTED_PROMPT, "user-task: admin:create asked for a password"));
        assertThat(run(promote, spec(UserOperation.PROMOTE_USER))).isEqualTo(new UserTaskOutcome(false,
                "UnexpectedPrompt", "rake admin:create failed (exit 4): user-task: admin:create asked for a password"));
    }

    @Test
    void anonymizeRunsTheRakeTaskOnce() {
        var runner = new RecordingRunner(c -> ok());
        DiscourseUserTaskSpec spec = spec(UserOperation.ANONYMIZE_USER);
        spec.setUsername("ann_1");
        assertThat(run(runner, spec)).isEqualTo(new UserTaskOutcome(true, "Succeeded", "Anonymized user ann_1"));
        assertThat(runner.commands()).containsExactly(UserTaskCommands.anonymizeUser("ann_1"));
    }

    @Test
    void aFailingAnonymizeIsReported() {
        var runner = new RecordingRunner(c -> exit(1, "rake aborted!\nDon't know how to build task 'users:anonymize[x]'"));
        DiscourseUserTaskSpec spec = spec(UserOperation.ANONYMIZE_USER);
        spec.setUsername("x");
        assertThat(run(runner, spec)).isEqualTo(new UserTaskOutcome(false, "CommandFailed",
                "rake users:anonymize failed (exit 1): Don't know how to build task 'users:anonymize[x]'"));
    }

    @Test
    void aResultThatIsNotKnownFailsWithTheReason() {
        CommandRunner broken = c -> {
            throw new CommandRunnerException("the Job reported 1 command(s)");
        };
        assertThat(UserTaskExecution.run(broken, create(false, true), PASSWORD, "t-password"))
                .isEqualTo(new UserTaskOutcome(false, "NoResult",
                        "Whether the task ran is unknown: the Job reported 1 command(s)"));
    }

    @Test
    void noOutcomeEverCarriesThePassword() {
        List<RecordingRunner> runners = List.of(new RecordingRunner(c -> exit(1, PASSWORD)),
                new RecordingRunner(c -> isCheck(c) ? exit(3, "") : exit(2, "bad " + PASSWORD)),
                new RecordingRunner(c -> isCheck(c) ? exit(3, "") : ok()));
        for (RecordingRunner runner : runners) {
            assertThat(run(runner, create(false, true)).message()).doesNotContain(PASSWORD);
        }
    }

    private static UserTaskOutcome run(RecordingRunner runner, DiscourseUserTaskSpec spec) {
        return UserTaskExecution.run(runner, spec, spec.getOperation() == UserOperation.CREATE_USER ? PASSWORD : null,
                spec.getOperation() == UserOperation.CREATE_USER ? "t-password" : null);
    }

    private static DiscourseUserTaskSpec create(boolean admin, boolean active) {
        DiscourseUserTaskSpec spec = spec(UserOperation.CREATE_USER);
        spec.setAdmin(admin);
        spec.setActive(active);
        return spec;
    }

    static DiscourseUserTaskSpec spec(UserOperation operation) {
        DiscourseUserTaskSpec spec = new DiscourseUserTaskSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setOperation(operation);
        spec.setEmail(EMAIL);
        return spec;
    }
}
