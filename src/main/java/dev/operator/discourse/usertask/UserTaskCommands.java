package dev.operator.discourse.usertask;

import java.util.List;
import java.util.Map;

/**
 * The charm's user actions (REFERENCE.md §7), with admin:create answered by its prompts (AdminCreateDriver), plus
 * the two small checks the charm ran as rake tasks of its own image: whether an email has a user, and confirming
 * a user's email. Those are
 * {@code bin/rails runner} snippets that read the email from {@link #EMAIL_ENV}, so user input never becomes
 * Ruby or shell source. The snippets exit 3 for "no such user": a Rails boot failure exits 1, and must not read
 * as an answer.
 */
public final class UserTaskCommands {

    public static final String WORKDIR = "/srv/discourse/app";
    /** Not DISCOURSE_*: Discourse turns every DISCOURSE_ variable into a global setting. */
    public static final String EMAIL_ENV = "USER_TASK_EMAIL";
    public static final int NO_SUCH_USER = 3;

    static final String USER_EXISTS_RUBY = "exit(User.find_by_email(ENV.fetch(\"" + EMAIL_ENV + "\")) ? 0 : "
            + NO_SUCH_USER + ")";
    static final String CONFIRM_EMAIL_RUBY = "u = User.find_by_email(ENV.fetch(\"" + EMAIL_ENV + "\")) or exit("
            + NO_SUCH_USER + "); u.email_tokens.update_all(confirmed: true); u.activate";

    private UserTaskCommands() {
    }

    /** Exits 0 when a user has this email, {@value #NO_SUCH_USER} when none has. */
    public static Command userExists(String email) {
        return new Command(List.of("bin/rails", "runner", USER_EXISTS_RUBY), "", Map.of(EMAIL_ENV, email), WORKDIR);
    }

    /** The charm's create-user: rake admin:create, its questions answered by {@link AdminCreateDriver}. */
    public static Command createUser(String email, String password, boolean admin) {
        return new Command(AdminCreateDriver.argv(), password + "\n", Map.of(EMAIL_ENV, email,
                AdminCreateDriver.ADMIN_ENV, Boolean.toString(admin), AdminCreateDriver.MODE_ENV, "create"), WORKDIR);
    }

    /** What the charm does after creating an active non-admin user, so the account can log in at once. */
    public static Command confirmEmail(String email) {
        return new Command(List.of("bin/rails", "runner", CONFIRM_EMAIL_RUBY), "", Map.of(EMAIL_ENV, email), WORKDIR);
    }

    /** The charm's promote-user: admin:create for an existing email, no password reset, admin granted. */
    public static Command promoteUser(String email) {
        return new Command(AdminCreateDriver.argv(), "\n", Map.of(EMAIL_ENV, email, AdminCreateDriver.ADMIN_ENV, "true",
                AdminCreateDriver.MODE_ENV, "promote"), WORKDIR);
    }

    /**
     * The charm's anonymize-user. The username is a rake argument, so it must hold no ',' ']' or whitespace:
     * {@link UserTaskValidator} allows only what a Discourse username may contain.
     */
    public static Command anonymizeUser(String username) {
        return new Command(List.of("bin/bundle", "exec", "rake", "users:anonymize[" + username + "]"), "", Map.of(),
                WORKDIR);
    }
}
