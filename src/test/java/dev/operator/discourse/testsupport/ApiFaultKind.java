package dev.operator.discourse.testsupport;

/**
 * What {@link ApiFaultProxy} can do to a request instead of (or on top of) forwarding it. Each kind says which
 * requests it can hit: a conflict makes sense only for a write, a dropped stream only for a watch.
 */
public enum ApiFaultKind {
    /** Answered {@code 500 InternalError}, as an API server whose etcd times out answers. */
    STATUS_500,
    /** Answered {@code 429 TooManyRequests} with {@code Retry-After: 1}, as API priority and fairness rejects. */
    STATUS_429,
    /** Answered {@code 409 Conflict}; writes only (a read cannot conflict). */
    STATUS_409,
    /** Held without an answer until the client gives up or the policy's hold ends, then the connection closes. */
    TIMEOUT,
    /**
     * Open watch streams cut mid-stream: each is looked at again and again (after a random time within
     * {@link ApiFaults#dropWatchesAfter}) and cut with the policy's share as its chance. Deciding once when a
     * watch starts would leave most watches alone: an informer opens a few and keeps them for minutes.
     */
    DROP_WATCH,
    /** The connection closed at once, as a load balancer in front of a dead API server does. */
    REFUSE;

    /** Whether this kind can be the answer to the request (a dropped watch is no answer: it comes later). */
    boolean answers(ApiFaultRequest request) {
        return switch (this) {
            case STATUS_409 -> request.isWrite();
            case DROP_WATCH -> false;
            default -> true;
        };
    }

    /** The HTTP status a kind answers with; 0 for those that never answer. */
    int status() {
        return switch (this) {
            case STATUS_500 -> 500;
            case STATUS_429 -> 429;
            case STATUS_409 -> 409;
            default -> 0;
        };
    }
}
