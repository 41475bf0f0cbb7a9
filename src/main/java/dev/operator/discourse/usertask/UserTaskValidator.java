package dev.operator.discourse.usertask;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.PasswordSecretRef;
import dev.operator.discourse.api.v1alpha1.UserOperation;

/**
 * What a task needs before it may run. The email goes to rake line by line on stdin and the username into a
 * rake argument, so both are held to a shape that cannot carry a newline, a ',' or a ']' into the command.
 */
public final class UserTaskValidator {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@\\p{Cntrl}]+@[^\\s@\\p{Cntrl}]+");
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{N}_.-]+");
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private UserTaskValidator() {
    }

    /** Every problem, in a fixed order; empty when the task may run. */
    public static List<String> problems(DiscourseUserTaskSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            return List.of("spec is required");
        }
        if (spec.instanceName() == null || spec.instanceName().isBlank()) {
            problems.add("spec.instanceRef.name is required");
        }
        UserOperation operation = spec.getOperation();
        if (operation == null) {
            problems.add("spec.operation is required: CreateUser, PromoteUser or AnonymizeUser");
            return problems;
        }
        switch (operation) {
            case CREATE_USER, PROMOTE_USER -> {
                String name = operation == UserOperation.CREATE_USER ? "CreateUser" : "PromoteUser";
                if (blank(spec.getEmail())) {
                    problems.add("spec.email is required for " + name);
                } else if (!EMAIL.matcher(spec.getEmail()).matches()) {
                    problems.add("spec.email is not an email address");
                }
            }
            case ANONYMIZE_USER -> {
                if (blank(spec.getUsername())) {
                    problems.add("spec.username is required for AnonymizeUser");
                } else if (!USERNAME.matcher(spec.getUsername()).matches()) {
                    problems.add("spec.username may contain only letters, digits, '_', '.' and '-'");
                }
            }
        }
        PasswordSecretRef ref = spec.getPasswordSecretRef();
        if (operation == UserOperation.CREATE_USER && ref != null && !blank(ref.getName())
                && !SECRET_NAME.matcher(ref.getName()).matches()) {
            problems.add("spec.passwordSecretRef.name is not a valid Secret name");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
