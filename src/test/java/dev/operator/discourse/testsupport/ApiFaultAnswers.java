package dev.operator.discourse.testsupport;

import java.nio.charset.StandardCharsets;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The answers of the status faults, as the API server itself writes them: a {@code Status} object (kind Status,
 * apiVersion v1, status Failure, code, reason, message), so clients parse them exactly as they parse real ones.
 */
final class ApiFaultAnswers {

    private static final String SOURCE = "injected by the test's API fault proxy";

    private ApiFaultAnswers() {
    }

    static Status status(ApiFaultKind kind, ApiFaultRequest request) {
        String name = request.name() != null ? request.name() : "";
        StatusBuilder status = new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withCode(kind.status());
        return switch (kind) {
            case STATUS_500 -> status.withReason("InternalError")
                    .withMessage("Internal error occurred: " + SOURCE).build();
            case STATUS_429 -> status.withReason("TooManyRequests")
                    .withMessage("Too many requests, please try again later (" + SOURCE + ")")
                    .withNewDetails().withRetryAfterSeconds(1).endDetails().build();
            case STATUS_409 -> status.withReason("Conflict")
                    .withMessage("Operation cannot be fulfilled on " + request.resource() + " \"" + name + "\": "
                            + "the object has been modified (" + SOURCE + ")")
                    .withNewDetails().withName(name).withKind(request.resource()).endDetails().build();
            default -> throw new IllegalArgumentException(kind + " answers nothing");
        };
    }

    private static String phrase(ApiFaultKind kind) {
        return switch (kind) {
            case STATUS_500 -> "Internal Server Error";
            case STATUS_429 -> "Too Many Requests";
            default -> "Conflict";
        };
    }

    /** The whole HTTP response: status line, headers (Retry-After for a 429), the Status as JSON. */
    static byte[] response(ApiFaultKind kind, ApiFaultRequest request) {
        Status status = status(kind, request);
        byte[] body = Serialization.asJson(status).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(kind.status()).append(' ')
                .append(phrase(kind)).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Cache-Control: no-cache, private\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        if (kind == ApiFaultKind.STATUS_429) {
            head.append("Retry-After: 1\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
