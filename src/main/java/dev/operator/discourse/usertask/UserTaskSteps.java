package dev.operator.discourse.usertask;

import java.util.ArrayList;
import java.util.List;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;

/**
 * The commands a task's Job runs, in order, with where each lets the next run. They are the ones
 * {@link UserTaskExecution} asks for, and stop where it stops reading; UserTaskStepsTest holds the two together.
 */
public final class UserTaskSteps {

    private UserTaskSteps() {
    }

    /** @param password the CreateUser password, else null */
    public static List<UserTaskStep> of(DiscourseUserTaskSpec spec, String password) {
        List<UserTaskStep> steps = new ArrayList<>();
        switch (spec.getOperation()) {
            case CREATE_USER -> {
                steps.add(new UserTaskStep(UserTaskCommands.userExists(spec.getEmail()), UserTaskCommands.NO_SUCH_USER));
                steps.add(new UserTaskStep(UserTaskCommands.createUser(spec.getEmail(), password, spec.isAdmin()), 0));
                if (!spec.isAdmin() && spec.isActive()) {
                    steps.add(new UserTaskStep(UserTaskCommands.confirmEmail(spec.getEmail()), 0));
                }
            }
            case PROMOTE_USER -> {
                steps.add(new UserTaskStep(UserTaskCommands.userExists(spec.getEmail()), 0));
                steps.add(new UserTaskStep(UserTaskCommands.promoteUser(spec.getEmail()), 0));
            }
            case ANONYMIZE_USER -> steps.add(new UserTaskStep(UserTaskCommands.anonymizeUser(spec.getUsername()), 0));
        }
        return steps;
    }
}
