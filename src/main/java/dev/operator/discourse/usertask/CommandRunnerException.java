package dev.operator.discourse.usertask;

/** The command could not be run, or its end was not seen: whether it ran is unknown. */
public class CommandRunnerException extends RuntimeException {

    public CommandRunnerException(String message) {
        super(message);
    }
}
