package dev.operator.discourse.usertask;

/** How a command ended: its exit status and its stdout and stderr together, in the order they came. */
public record CommandResult(int exitCode, String output) {

    public CommandResult {
        output = output == null ? "" : output;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
