package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a DiscourseBackup is; Succeeded and Failed are final. */
public enum BackupPhase {
    @JsonProperty("Pending")
    PENDING,
    @JsonProperty("Running")
    RUNNING,
    @JsonProperty("Succeeded")
    SUCCEEDED,
    @JsonProperty("Failed")
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
