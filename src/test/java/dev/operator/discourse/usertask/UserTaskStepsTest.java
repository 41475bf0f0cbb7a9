package dev.operator.discourse.usertask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.api.v1alpha1.UserOperation;

/**
 * The Job runs the steps and stops where their statuses say; the reader asks for results in its own order and stops
 * where it decides. Both must agree, at every stop, for every operation, or a result would be read as another's.
 */
class UserTaskStepsTest {

    private static final String PASSWORD = "Abc123def456GHI7";

    @Test
    void theReaderAsksForExactlyTheStepsTheScriptRanAtEveryStop() {
        for (DiscourseUserTaskSpec spec : specs()) {
            List<UserTaskStep> steps = UserTaskSteps.of(spec, password(spec));
            for (int stop = 0; stop <= steps.size(); stop++) {
                int at = stop;
                var runner = new RecordingRunner(c -> null);
                runner.answer(c -> {
                    int i = runner.commands().size() - 1;
                    int hoped = steps.get(i).continuesOn();
                    return new CommandResult(i == at ? (hoped == 0 ? 1 : 0) : hoped, "");
                });
                UserTaskOutcome outcome = UserTaskExecution.run(runner, spec, password(spec), "t-password");
                List<Command> ran = steps.subList(0, Math.min(at + 1, steps.size())).stream().map(UserTaskStep::command).toList();
                assertThat(runner.commands()).as(spec.getOperation() + " stopping at " + at).isEqualTo(ran);
                assertThat(outcome.succeeded()).as(spec.getOperation() + " stopping at " + at).isEqualTo(at == steps.size());
            }
        }
    }

    @Test
    void onlyACommandThatReadsAPasswordHasStdinAndItIsThePassword() {
        for (DiscourseUserTaskSpec spec : specs()) {
            for (UserTaskStep step : UserTaskSteps.of(spec, password(spec))) {
                String pw = password(spec) == null ? "" : password(spec);
                assertThat(step.command().stdin()).isIn("", pw + "\n");
            }
        }
    }

    private static String password(DiscourseUserTaskSpec spec) {
        return spec.getOperation() == UserOperation.CREATE_USER ? PASSWORD : null;
    }

    private static List<DiscourseUserTaskSpec> specs() {
        DiscourseUserTaskSpec admin = UserTaskExecutionTest.spec(UserOperation.CREATE_USER);
        admin.setAdmin(true);
        DiscourseUserTaskSpec inactive = UserTaskExecutionTest.spec(UserOperation.CREATE_USER);
        inactive.setActive(false);
        DiscourseUserTaskSpec anonymize = UserTaskExecutionTest.spec(UserOperation.ANONYMIZE_USER);
        anonymize.setUsername("ann_1");
        return List.of(UserTaskExecutionTest.spec(UserOperation.CREATE_USER), admin, inactive,
                UserTaskExecutionTest.spec(UserOperation.PROMOTE_USER), anonymize);
    }
}
