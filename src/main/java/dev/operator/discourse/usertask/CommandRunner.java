package dev.operator.discourse.usertask;

/**
 * Runs one command in the instance's container and waits for it. The boundary tests substitute: everything
 * above it is the operator's logic, everything below it is the Kubernetes exec API.
 */
public interface CommandRunner {

    /**
     * @return the exit status and output; a command that could not be started or whose end was not seen throws
     *         {@link CommandRunnerException} (it may or may not have run, so the task is failed, never retried)
     */
    CommandResult run(PodTarget target, Command command);
}
