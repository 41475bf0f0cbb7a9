package dev.operator.discourse.usertask;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The results a task's Job reported ({@link UserTaskScript}), handed out in order as if each command ran now: the
 * exit statuses of the steps that ran, and the output of the last one.
 */
public final class JobReplay implements CommandRunner {

    private final List<Integer> statuses;
    private final String lastOutput;
    private int next;

    private JobReplay(List<Integer> statuses, String lastOutput) {
        this.statuses = statuses;
        this.lastOutput = lastOutput;
    }

    /** Empty when the message is not the script's: the pod died before the script could say anything. */
    public static Optional<JobReplay> parse(String terminationMessage) {
        if (terminationMessage == null) {
            return Optional.empty();
        }
        List<Integer> statuses = new ArrayList<>();
        String[] lines = terminationMessage.split("\n", -1);
        int i = 0;
        for (; i < lines.length && !UserTaskScript.END_OF_STATUSES.equals(lines[i].strip()); i++) {
            try {
                statuses.add(Integer.parseInt(lines[i].strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (i == lines.length || statuses.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JobReplay(statuses, String.join("\n", List.of(lines).subList(i + 1, lines.length))));
    }

    @Override
    public CommandResult run(Command command) {
        if (next >= statuses.size()) {
            throw new CommandRunnerException("the Job reported " + statuses.size() + " command(s), and the task "
                    + "expected another; its log says what ran");
        }
        int at = next++;
        return new CommandResult(statuses.get(at), at == statuses.size() - 1 ? lastOutput : "");
    }
}
