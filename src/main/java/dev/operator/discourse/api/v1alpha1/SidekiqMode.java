package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where Sidekiq runs: forked by each web pod's Unicorn master, or as a workload of its own. */
public enum SidekiqMode {
    @JsonProperty("Embedded")
    EMBEDDED,
    @JsonProperty("Separate")
    SEPARATE
}
