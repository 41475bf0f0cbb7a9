package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.InstanceRef;
import dev.operator.discourse.api.v1alpha1.PasswordSecretRef;
import dev.operator.discourse.api.v1alpha1.UserOperation;

class UserTaskValidatorTest {

    @Test
    void aCompleteSpecHasNoProblems() {
        assertThat(UserTaskValidator.problems(spec(UserOperation.CREATE_USER, "ann@example.com", null))).isEmpty();
        assertThat(UserTaskValidator.problems(spec(UserOperation.PROMOTE_USER, "ann@example.com", null))).isEmpty();
        assertThat(UserTaskValidator.problems(spec(UserOperation.ANONYMIZE_USER, null, "ann_1.b-c"))).isEmpty();
        assertThat(UserTaskValidator.problems(spec(UserOperation.ANONYMIZE_USER, null, "Jörg"))).isEmpty();
    }

    @Test
    void missingFieldsAreNamed() {
        assertThat(UserTaskValidator.problems(null)).containsExactly("spec is required");
        assertThat(UserTaskValidator.problems(new DiscourseUserTaskSpec())).containsExactly(
                "spec.instanceRef.name is required",
                "spec.operation is required: CreateUser, PromoteUser or AnonymizeUser");
        assertThat(UserTaskValidator.problems(spec(UserOperation.CREATE_USER, null, null)))
                .containsExactly("spec.email is required for CreateUser");
        assertThat(UserTaskValidator.problems(spec(UserOperation.PROMOTE_USER, " ", null)))
                .containsExactly("spec.email is required for PromoteUser");
        assertThat(UserTaskValidator.problems(spec(UserOperation.ANONYMIZE_USER, "ann@example.com", null)))
                .containsExactly("spec.username is required for AnonymizeUser");
    }

    @Test
    void inputThatCouldAnswerAnotherPromptOrSplitARakeArgumentIsRefused() {
        assertThat(UserTaskValidator.problems(spec(UserOperation.CREATE_USER, "ann@example.com\nY", null)))
                .containsExactly("spec.email is not an email address");
        assertThat(UserTaskValidator.problems(spec(UserOperation.CREATE_USER, "not-an-email", null)))
                .containsExactly("spec.email is not an email address");
        for (String username : new String[] { "a,b", "a]b", "a b", "a[b", "a\nb" }) {
            assertThat(UserTaskValidator.problems(spec(UserOperation.ANONYMIZE_USER, null, username))).as(username)
                    .containsExactly("spec.username may contain only letters, digits, '_', '.' and '-'");
        }
    }

    @Test
    void aPasswordSecretNameMustBeAValidName() {
        DiscourseUserTaskSpec spec = spec(UserOperation.CREATE_USER, "ann@example.com", null);
        spec.setPasswordSecretRef(new PasswordSecretRef("Not_Valid"));
        assertThat(UserTaskValidator.problems(spec)).containsExactly("spec.passwordSecretRef.name is not a valid Secret name");
        spec.setPasswordSecretRef(new PasswordSecretRef("ann-password"));
        assertThat(UserTaskValidator.problems(spec)).isEmpty();
    }

    private static DiscourseUserTaskSpec spec(UserOperation operation, String email, String username) {
        DiscourseUserTaskSpec spec = new DiscourseUserTaskSpec();
        spec.setInstanceRef(new InstanceRef("forum"));
        spec.setOperation(operation);
        spec.setEmail(email);
        spec.setUsername(username);
        return spec;
    }
}
