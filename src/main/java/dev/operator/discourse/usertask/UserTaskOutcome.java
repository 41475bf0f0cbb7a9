package dev.operator.discourse.usertask;

/** How a task ended: a condition reason and a message for status and events (never a password). */
public record UserTaskOutcome(boolean succeeded, String reason, String message) {

    static UserTaskOutcome success(String message) {
        return new UserTaskOutcome(true, "Succeeded", message);
    }

    static UserTaskOutcome failure(String reason, String message) {
        return new UserTaskOutcome(false, reason, message);
    }
}
