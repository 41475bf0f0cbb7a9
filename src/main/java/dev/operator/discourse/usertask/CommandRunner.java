package dev.operator.discourse.usertask;

/**
 * Gives the result of one command of a task. In the operator it replays what the task's Job reported
 * ({@link JobReplay}); the tests substitute recorders. Everything above it is the operator's reading of the results.
 */
public interface CommandRunner {

    /**
     * @return the exit status and output; a command whose result is not known throws {@link CommandRunnerException}
     *         (it may or may not have run, so the task is failed, never retried)
     */
    CommandResult run(Command command);
}
