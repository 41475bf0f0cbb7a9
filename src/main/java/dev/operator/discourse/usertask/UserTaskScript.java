package dev.operator.discourse.usertask;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The shell script a task's Job runs: each step in turn, its output to the pod's log, its exit status to the
 * termination message, stopping at the first status that does not let the next step run. The message ends with
 * "--" and the tail of the last step's output, which is all {@link JobReplay} needs to give
 * {@link UserTaskExecution} the results it would have had from running the commands itself.
 *
 * <p>User input never becomes script: every argument is single-quoted, the email and flags travel in env, and the
 * password comes from the task's Secret through a secretKeyRef. The script takes it out of its environment
 * before any command starts, and writes it only to the stdin of a command that reads one.
 */
public final class UserTaskScript {

    public static final String PASSWORD_ENV = "USER_TASK_PASSWORD";
    /** Where the results go; the container's termination message file unless a test says otherwise. */
    public static final String RESULT_ENV = "USER_TASK_RESULT";
    public static final String END_OF_STATUSES = "--";
    /** The kubelet keeps 4096 bytes of a termination message; the statuses need a few. */
    static final int OUTPUT_TAIL_BYTES = 3000;

    static final String PRELUDE = """
            set -u
            pw=${%1$s-}
            unset %1$s
            result=${%2$s:-/dev/termination-log}
            log=${TMPDIR:-/tmp}/user-task-step.log
            : > "$log"
            : > "$result"
            finish() { echo '%3$s' >> "$result"; tail -c %4$d "$log" >> "$result"; exit "$1"; }
            step() {
              want=$1; feed=$2; shift 2
              if [ "$feed" = 1 ]; then printf '%%s\\n' "$pw" | "$@" > "$log" 2>&1; else "$@" < /dev/null > "$log" 2>&1; fi
              rc=$?
              cat "$log"
              echo "$rc" >> "$result"
              [ "$rc" -eq "$want" ] || finish 1
            }
            """.formatted(PASSWORD_ENV, RESULT_ENV, END_OF_STATUSES, OUTPUT_TAIL_BYTES);

    private UserTaskScript() {
    }

    public static String render(List<UserTaskStep> steps) {
        StringBuilder script = new StringBuilder(PRELUDE);
        for (UserTaskStep step : steps) {
            boolean feed = !step.command().stdin().isEmpty();
            script.append("step ").append(step.continuesOn()).append(feed ? " 1 " : " 0 ")
                    .append(step.command().argv().stream().map(UserTaskScript::quote).collect(Collectors.joining(" ")))
                    .append('\n');
        }
        return script.append("finish 0\n").toString();
    }

    static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
