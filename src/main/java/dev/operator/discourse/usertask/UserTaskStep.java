package dev.operator.discourse.usertask;

/**
 * One command of a task and the exit status after which the next one runs; any other status ends the run, and
 * {@link UserTaskExecution} reads what it means.
 */
public record UserTaskStep(Command command, int continuesOn) {
}
