package dev.operator.discourse.instance;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.operator.discourse.api.v1alpha1.ThrottleLevel;

/** The env each throttle level sets: the charm's presets (REFERENCE.md §4), with the admin API key Discourse reads now. */
public final class ThrottlePreset {

    private ThrottlePreset() {
    }

    public static Map<String, String> env(ThrottleLevel level) {
        Map<String, String> env = new LinkedHashMap<>();
        switch (level == null ? ThrottleLevel.NONE : level) {
            case NONE -> {
                env.put("DISCOURSE_MAX_REQS_PER_IP_MODE", "none");
                env.put("DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false");
            }
            case PERMISSIVE -> {
                env.put("DISCOURSE_MAX_REQS_PER_IP_MODE", "warn+block");
                env.put("DISCOURSE_MAX_REQS_PER_IP_PER_MINUTE", "1000");
                env.put("DISCOURSE_MAX_REQS_PER_IP_PER_10_SECONDS", "100");
                env.put("DISCOURSE_MAX_USER_API_REQS_PER_MINUTE", "3000");
                env.put("DISCOURSE_MAX_ASSET_REQS_PER_IP_PER_10_SECONDS", "400");
                env.put("DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false");
                env.put("DISCOURSE_MAX_USER_API_REQS_PER_DAY", "30000");
                env.put("DISCOURSE_MAX_ADMIN_API_REQS_PER_MINUTE", "3000");
            }
            case STRICT -> {
                env.put("DISCOURSE_MAX_REQS_PER_IP_MODE", "block");
                env.put("DISCOURSE_MAX_REQS_PER_IP_PER_MINUTE", "200");
                env.put("DISCOURSE_MAX_REQS_PER_IP_PER_10_SECONDS", "50");
                env.put("DISCOURSE_MAX_USER_API_REQS_PER_MINUTE", "100");
                env.put("DISCOURSE_MAX_ASSET_REQS_PER_IP_PER_10_SECONDS", "200");
                env.put("DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false");
            }
        }
        return env;
    }
}
