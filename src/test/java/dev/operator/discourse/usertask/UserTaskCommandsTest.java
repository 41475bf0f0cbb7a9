package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The commands, against the literal strings of REFERENCE.md §7 and of docs/user-operations.md. */
class UserTaskCommandsTest {

    @Test
    void createUserRunsRakeAdminCreateThroughTheDriverWithThePasswordOnlyOnStdin() {
        Command admin = UserTaskCommands.createUser("ann@example.com", "Abc123def456GHI7", true);
        assertThat(admin.argv()).startsWith("ruby", "-e").endsWith("bin/bundle", "exec", "rake", "admin:create");
        assertThat(admin.stdin()).isEqualTo("Abc123def456GHI7\n");
        assertThat(admin.env()).isEqualTo(Map.of("USER_TASK_EMAIL", "ann@example.com", "USER_TASK_ADMIN", "true",
                "USER_TASK_MODE", "create"));
        assertThat(String.join(" ", admin.argv()) + admin.env()).doesNotContain("Abc123def456GHI7");
        assertThat(admin.workdir()).isEqualTo("/srv/discourse/app");
        assertThat(UserTaskCommands.createUser("bob@example.com", "p", false).env()).containsEntry("USER_TASK_ADMIN", "false");
    }

    @Test
    void promoteRunsTheDriverWithoutAPassword() {
        Command promote = UserTaskCommands.promoteUser("ann@example.com");
        assertThat(promote.argv()).endsWith("bin/bundle", "exec", "rake", "admin:create");
        assertThat(promote.stdin()).isEqualTo("\n");
        assertThat(promote.env()).containsEntry("USER_TASK_MODE", "promote").containsEntry("USER_TASK_ADMIN", "true");
        assertThat(promote.workdir()).isEqualTo("/srv/discourse/app");
    }

    @Test
    void anonymizeIsTheRakeTaskWithTheUsernameAsItsArgument() {
        Command anonymize = UserTaskCommands.anonymizeUser("ann_1");
        assertThat(anonymize.argv()).containsExactly("bin/bundle", "exec", "rake", "users:anonymize[ann_1]");
        assertThat(anonymize.stdin()).isEmpty();
        assertThat(anonymize.env()).isEmpty();
        assertThat(anonymize.workdir()).isEqualTo("/srv/discourse/app");
    }

    @Test
    void theChecksReadTheEmailFromTheEnvironmentNeverFromTheCode() {
        String email = "x\"); system(\"rm -rf /\"); (\"@example.com";
        Command exists = UserTaskCommands.userExists(email);
        assertThat(exists.argv()).isEqualTo(List.of("bin/rails", "runner",
                "exit(User.find_by_email(ENV.fetch(\"USER_TASK_EMAIL\")) ? 0 : 3)"));
        assertThat(exists.env()).isEqualTo(Map.of("USER_TASK_EMAIL", email));
        assertThat(exists.stdin()).isEmpty();
        assertThat(exists.workdir()).isEqualTo("/srv/discourse/app");

        Command confirm = UserTaskCommands.confirmEmail(email);
        assertThat(confirm.argv()).isEqualTo(List.of("bin/rails", "runner",
                "u = User.find_by_email(ENV.fetch(\"USER_TASK_EMAIL\")) or exit(3); "
                        + "u.email_tokens.update_all(confirmed: true); u.activate"));
        assertThat(confirm.env()).isEqualTo(Map.of("USER_TASK_EMAIL", email));
        assertThat(String.join(" ", exists.argv()) + String.join(" ", confirm.argv())).doesNotContain("rm -rf");
    }

    @Test
    void theDocsShowTheCommandsAsTheyAreRun() throws IOException {
        // the docs wrap lines, so compare with runs of whitespace as one space
        String docs = Files.readString(Path.of("docs/user-operations.md")).replaceAll("\\s+", " ");
        String email = "ann@example.com";
        assertThat(docs).as("docs/user-operations.md shows the check")
                .contains("`bin/rails runner '" + UserTaskCommands.userExists(email).argv().get(2) + "'` with `"
                        + UserTaskCommands.EMAIL_ENV + "=<email>`");
        assertThat(docs).as("docs/user-operations.md shows the email confirmation")
                .contains("`bin/rails runner '" + UserTaskCommands.confirmEmail(email).argv().get(2) + "'` with `"
                        + UserTaskCommands.EMAIL_ENV + "=<email>`");
        assertThat(docs).as("docs/user-operations.md shows the anonymization")
                .contains("`" + String.join(" ", UserTaskCommands.anonymizeUser("ann_1").argv())
                        .replace("ann_1", "<username>") + "`");
    }

    @Test
    void aCommandsTextNeverShowsItsStdin() {
        Command create = UserTaskCommands.createUser("ann@example.com", "Abc123def456GHI7", true);
        assertThat(create.toString()).doesNotContain("Abc123def456GHI7").doesNotContain("ann@example.com\n")
                .contains("admin:create").contains("hidden");
    }
}
