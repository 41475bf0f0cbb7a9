package dev.operator.discourse.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;

/**
 * The API server's refusal of an object the operator derived from a spec (HTTP 400 or 422: a value the CRD
 * schema allows but the derived kind does not, such as an env name with non-ASCII letters or a zero-size
 * volume). Retrying cannot help until the spec changes, so it is reported, not retried; its message names the
 * field. Found anywhere in the cause chain, also inside the workflow's aggregated exception.
 */
public final class ApiRefusal {

    private ApiRefusal() {
    }

    public static Optional<String> of(Throwable error) {
        List<Throwable> pending = new ArrayList<>(List.of(error));
        while (!pending.isEmpty()) {
            Throwable t = pending.remove(0);
            for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof KubernetesClientException k && (k.getCode() == 400 || k.getCode() == 422)) {
                    return Optional.of(message(k));
                }
                if (cause instanceof AggregatedOperatorException aggregated) {
                    pending.addAll(aggregated.getAggregatedExceptions().values());
                }
            }
        }
        return Optional.empty();
    }

    /** A refusal's own words: the API server's message, not fabric8's whole wrapping of it. */
    public static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        String text = e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage();
        int received = text.indexOf(". Received status:");
        return received > 0 ? text.substring(0, received) : text;
    }
}
