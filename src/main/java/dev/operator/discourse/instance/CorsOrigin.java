package dev.operator.discourse.instance;

import java.util.Arrays;
import java.util.TreeSet;

/** The charm's CORS origin algorithm (REFERENCE.md §3). */
public final class CorsOrigin {

    private CorsOrigin() {
    }

    public static String compute(String corsOrigin, boolean augment, String hostname, boolean forceHttps,
            String s3CdnUrl) {
        String trimmed = corsOrigin == null ? "" : corsOrigin.trim();
        if (trimmed.equals("*")) {
            return "*";
        }
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
}
