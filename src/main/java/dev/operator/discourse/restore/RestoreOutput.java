package dev.operator.discourse.restore;

import java.util.List;

import dev.operator.discourse.usertask.FailureReason;

/**
 * The line of a failed step's output that says why. Discourse's restore logs "EXCEPTION: <message>" and then its
 * backtrace and clean-up ("Trying to rollback...", "Cleaning stuff up...", "[FAILED]"), so its last line says
 * nothing; the exception line does. Other output ends with its error, as the user tasks' does.
 */
final class RestoreOutput {

    private static final List<String> SAYS_WHY = List.of("EXCEPTION:", "ERROR:", "FATAL:", "restore:");

    private RestoreOutput() {
    }

    static String reason(String output) {
        if (output == null) {
            return "no message";
        }
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (SAYS_WHY.stream().anyMatch(line::contains)) {
                return FailureReason.of(line, null);
            }
        }
        return FailureReason.of(output, null);
    }
}
