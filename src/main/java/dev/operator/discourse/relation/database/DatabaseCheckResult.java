package dev.operator.discourse.relation.database;

/** What a live check of the database found; reasons are stable words for conditions and alerts. */
public record DatabaseCheckResult(boolean connected, boolean extensionsReady, String reason, String message,
        String serverVersion) {

    public static DatabaseCheckResult unreachable(String reason, String message) {
        return new DatabaseCheckResult(false, false, reason, message, null);
    }

    public boolean ready() {
        return connected && extensionsReady;
    }
}
