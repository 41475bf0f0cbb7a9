package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to data-bearing objects when the DiscourseInstance is deleted. */
public enum RetentionPolicy {
    /** Kept: no owner reference, so garbage collection never removes it. */
    @JsonProperty("Retain")
    RETAIN,
    /** Owned by the instance and garbage-collected with it. */
    @JsonProperty("Delete")
    DELETE
}
