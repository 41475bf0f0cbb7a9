package dev.operator.discourse.instance;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The charm's CORS origin algorithm (REFERENCE.md §3), without its '*': Discourse's rack-cors initializer compares
 * each origin literally, so '*' would allow no origin at all, and ConfigValidator refuses it.
 */
public final class CorsOrigin {

    private CorsOrigin() {
    }

    public static String compute(String corsOrigin, boolean augment, String hostname, boolean forceHttps,
            String s3CdnUrl) {
        String trimmed = corsOrigin == null ? "" : corsOrigin.trim();
        TreeSet<String> origins = new TreeSet<>();
        Arrays.stream(trimmed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(origins::add);
        if (augment) {
            origins.add((forceHttps ? "https://" : "http://") + hostname);
            if (s3CdnUrl != null && !s3CdnUrl.isBlank()) {
                origins.add(s3CdnUrl.trim());
            }
        }
        return String.join(",", origins);
    }

    public static boolean hasWildcard(String corsOrigin) {
        return corsOrigin != null && Arrays.stream(corsOrigin.split(",")).map(String::trim).anyMatch("*"::equals);
    }
}
