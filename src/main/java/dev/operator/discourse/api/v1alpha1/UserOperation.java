package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The charm's three user actions, one per DiscourseUserTask. */
public enum UserOperation {
    @JsonProperty("CreateUser")
    CREATE_USER,
    @JsonProperty("PromoteUser")
    PROMOTE_USER,
    @JsonProperty("AnonymizeUser")
    ANONYMIZE_USER
}
