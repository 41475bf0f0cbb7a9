package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Discourse's per-IP request throttling presets (the charm's throttle_level). */
public enum ThrottleLevel {
    @JsonProperty("none")
    NONE,
    @JsonProperty("permissive")
    PERMISSIVE,
    @JsonProperty("strict")
    STRICT
}
