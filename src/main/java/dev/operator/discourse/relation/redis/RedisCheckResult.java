package dev.operator.discourse.relation.redis;

/** What a live check of Redis found; reasons are stable words for conditions and alerts. */
public record RedisCheckResult(boolean ready, String reason, String message, String serverVersion) {
}
