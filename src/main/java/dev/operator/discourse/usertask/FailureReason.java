package dev.operator.discourse.usertask;

/**
 * A readable reason from a failed command's output: its last non-blank line (Rails and rake end with the
 * error), bounded so a stack trace cannot flood the status, with any secret masked out first.
 */
public final class FailureReason {

    static final int MAX_LENGTH = 200;
    static final String MASK = "******";

    private FailureReason() {
    }

    public static String of(String output, String secret) {
        String text = output == null ? "" : output;
        if (secret != null && !secret.isEmpty()) {
            text = text.replace(secret, MASK);
        }
        String last = "";
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        if (last.isEmpty()) {
            return "no output";
        }
        return last.length() <= MAX_LENGTH ? last : last.substring(0, MAX_LENGTH - 3) + "...";
    }
}
