package dev.operator.discourse.usertask;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A CommandRunner for tests: records what it was asked to run and answers from a script. */
public class RecordingRunner implements CommandRunner {

    private final List<Command> calls = new ArrayList<>();
    private volatile Function<Command, CommandResult> answers;

    public RecordingRunner(Function<Command, CommandResult> answers) {
        this.answers = answers;
    }

    public void answer(Function<Command, CommandResult> answers) {
        this.answers = answers;
    }

    @Override
    public synchronized CommandResult run(Command command) {
        calls.add(command);
        return answers.apply(command);
    }

    public synchronized List<Command> commands() {
        return List.copyOf(calls);
    }

    /** True for the existence check, whatever email it asks about. */
    public static boolean isCheck(Command c) {
        return c.argv().equals(UserTaskCommands.userExists("x@y").argv());
    }

    public static CommandResult ok() {
        return new CommandResult(0, "");
    }

    public static CommandResult exit(int code, String output) {
        return new CommandResult(code, output);
    }
}
