package dev.operator.discourse.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.api.v1alpha1.ThrottleLevel;

/** REFERENCE.md §4, value for value. */
class ThrottlePresetTest {

    @Test
    void none() {
        assertThat(ThrottlePreset.env(ThrottleLevel.NONE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DISCOURSE_MAX_REQS_PER_IP_MODE", "none",
                "DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false"));
    }

    @Test
    void permissive() {
        assertThat(ThrottlePreset.env(ThrottleLevel.PERMISSIVE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DISCOURSE_MAX_REQS_PER_IP_MODE", "warn+block",
                "DISCOURSE_MAX_REQS_PER_IP_PER_MINUTE", "1000",
                "DISCOURSE_MAX_REQS_PER_IP_PER_10_SECONDS", "100",
                "DISCOURSE_MAX_USER_API_REQS_PER_MINUTE", "3000",
                "DISCOURSE_MAX_ASSET_REQS_PER_IP_PER_10_SECONDS", "400",
                "DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false",
                "DISCOURSE_MAX_USER_API_REQS_PER_DAY", "30000",
                "DISCOURSE_MAX_ADMIN_API_REQS_PER_MINUTE", "3000"));
    }

    @Test
    void strict() {
        assertThat(ThrottlePreset.env(ThrottleLevel.STRICT)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DISCOURSE_MAX_REQS_PER_IP_MODE", "block",
                "DISCOURSE_MAX_REQS_PER_IP_PER_MINUTE", "200",
                "DISCOURSE_MAX_REQS_PER_IP_PER_10_SECONDS", "50",
                "DISCOURSE_MAX_USER_API_REQS_PER_MINUTE", "100",
                "DISCOURSE_MAX_ASSET_REQS_PER_IP_PER_10_SECONDS", "200",
                "DISCOURSE_MAX_REQS_RATE_LIMIT_ON_PRIVATE", "false"));
    }
}
