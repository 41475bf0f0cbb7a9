package dev.operator.discourse.usertask;

import java.util.Optional;

import dev.operator.discourse.api.v1alpha1.DiscourseUserTaskSpec;
import dev.operator.discourse.workload.JobOutcome;

/**
 * What an ended Job means for its task: its reported statuses replayed through {@link UserTaskExecution}, so a
 * task reads the same whether a user exists or a rake fails. A Job that succeeded ran every step as hoped, so it
 * needs no message; one that failed without the script's message died before it could say (evicted, killed,
 * never started), and then whether the user changed is not known.
 */
public final class UserTaskJobResult {

    private UserTaskJobResult() {
    }

    /**
     * @param message the termination message of the Job's pod, if one was seen
     * @param podStillRunning a pod of the Job not yet seen to end: its message may still come
     * @return empty while the message is worth waiting for
     */
    public static Optional<UserTaskOutcome> outcome(DiscourseUserTaskSpec spec, JobOutcome ended,
            Optional<String> message, String password, String passwordSecret, String jobName, boolean podStillRunning) {
        Optional<JobReplay> replay = message.flatMap(JobReplay::parse);
        if (replay.isPresent()) {
            return Optional.of(UserTaskExecution.run(replay.get(), spec, password, passwordSecret));
        }
        if (ended == JobOutcome.SUCCEEDED) {
            return Optional.of(UserTaskExecution.run(everyStepAsHoped(spec, password), spec, password, passwordSecret));
        }
        if (message.isEmpty() && podStillRunning) {
            return Optional.empty();
        }
        return Optional.of(UserTaskOutcome.failure("JobFailed", "Job " + jobName + " failed before it could report "
                + "its commands' results (" + message.map(m -> FailureReason.of(m, password)).orElse("no message")
                + "); whether the user was changed is unknown: check it before creating a new task"));
    }

    private static CommandRunner everyStepAsHoped(DiscourseUserTaskSpec spec, String password) {
        var steps = UserTaskSteps.of(spec, password).iterator();
        return command -> new CommandResult(steps.hasNext() ? steps.next().continuesOn() : 0, "");
    }
}
