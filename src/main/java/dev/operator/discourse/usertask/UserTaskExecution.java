package dev.operator.discourse.usertask;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;

/**
 * Reads one operation's commands' results in order, the way the charm's actions did:
 * create fails when the email is taken, promote when it is not; any other non-zero exit fails the task with
 * the output's last line. It stops at the first failure and never retries a step.
 */
public final class UserTaskExecution {

    private final CommandRunner runner;
    private final String password;

    private UserTaskExecution(CommandRunner runner, String password) {
        this.runner = runner;
        this.password = password;
    }

    /**
     * @param password the generated password for CreateUser (already stored in its Secret), else null
     * @param passwordSecret the Secret's name, for the success message
     */
    public static UserTaskOutcome run(CommandRunner runner, DiscourseUserTaskSpec spec, String password,
            String passwordSecret) {
        var execution = new UserTaskExecution(runner, password);
        try {
            return switch (spec.getOperation()) {
                case CREATE_USER -> execution.create(spec, passwordSecret);
                case PROMOTE_USER -> execution.promote(spec.getEmail());
                case ANONYMIZE_USER -> execution.anonymize(spec.getUsername());
            };
        } catch (CommandRunnerException e) {
            return UserTaskOutcome.failure("NoResult", "Whether the task ran is unknown: "
                    + FailureReason.of(e.getMessage(), password));
        }
    }

    private UserTaskOutcome create(DiscourseUserTaskSpec spec, String passwordSecret) {
        String email = spec.getEmail();
        CommandResult check = runner.run(UserTaskCommands.userExists(email));
        if (check.succeeded()) {
            return UserTaskOutcome.failure("UserExists", "User with email " + email + " already exists");
        }
        if (check.exitCode() != UserTaskCommands.NO_SUCH_USER) {
            return failed("CheckFailed", "Checking for a user with email " + email, check);
        }
        CommandResult create = runner.run(UserTaskCommands.createUser(email, password, spec.isAdmin()));
        if (create.exitCode() == AdminCreateDriver.UNEXPECTED_PROMPT) {
            return failed("UnexpectedPrompt", "rake admin:create", create);
        }
        if (!create.succeeded()) {
            return failed("CommandFailed", "rake admin:create", create);
        }
        if (!spec.isAdmin() && spec.isActive()) {
            CommandResult confirm = runner.run(UserTaskCommands.confirmEmail(email));
            if (confirm.exitCode() == UserTaskCommands.NO_SUCH_USER) {
                return UserTaskOutcome.failure("UserNotFound", "Could not find user " + email + " to activate");
            }
            if (!confirm.succeeded()) {
                return failed("CommandFailed", "Created user " + email + " but confirming its email", confirm);
            }
        }
        return UserTaskOutcome.success("Created " + (spec.isAdmin() ? "admin " : "") + "user " + email
                + "; the password is in Secret " + passwordSecret);
    }

    private UserTaskOutcome promote(String email) {
        CommandResult check = runner.run(UserTaskCommands.userExists(email));
        if (check.exitCode() == UserTaskCommands.NO_SUCH_USER) {
            return UserTaskOutcome.failure("UserNotFound", "User with email " + email + " does not exist");
        }
        if (!check.succeeded()) {
            return failed("CheckFailed", "Checking for a user with email " + email, check);
        }
        CommandResult promote = runner.run(UserTaskCommands.promoteUser(email));
        if (promote.exitCode() == AdminCreateDriver.UNEXPECTED_PROMPT) {
            return failed("UnexpectedPrompt", "rake admin:create", promote);
        }
        if (!promote.succeeded()) {
            return failed("CommandFailed", "rake admin:create", promote);
        }
        return UserTaskOutcome.success("Promoted user " + email + " to admin");
    }

    private UserTaskOutcome anonymize(String username) {
        CommandResult anonymize = runner.run(UserTaskCommands.anonymizeUser(username));
        if (!anonymize.succeeded()) {
            return failed("CommandFailed", "rake users:anonymize", anonymize);
        }
        return UserTaskOutcome.success("Anonymized user " + username);
    }

    private UserTaskOutcome failed(String reason, String what, CommandResult result) {
        return UserTaskOutcome.failure(reason, what + " failed (exit " + result.exitCode() + "): "
                + FailureReason.of(result.output(), password));
    }
}
