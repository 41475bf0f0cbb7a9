package dev.operator.discourse.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The steps of a DiscourseRestore, in order; Succeeded and Failed are final. From Stopping to Starting the forum is
 * held at zero replicas.
 */
public enum RestorePhase {
    /** Waiting: for the instance, the archive's backup, a running backup or migration, or a confirmation. */
    @JsonProperty("Pending")
    PENDING,
    /** A Job checks that the archive is in the store and not newer than the image; the forum still serves. */
    @JsonProperty("Checking")
    CHECKING,
    /** Web and Sidekiq go to zero replicas; the restore waits until their pods are gone. */
    @JsonProperty("Stopping")
    STOPPING,
    /** Discourse's own restore runs in a Job. */
    @JsonProperty("Restoring")
    RESTORING,
    /** The current image's migrations run over the restored database. */
    @JsonProperty("Migrating")
    MIGRATING,
    /** The forum comes back at its replicas; the restore waits for a ready web pod. */
    @JsonProperty("Starting")
    STARTING,
    @JsonProperty("Succeeded")
    SUCCEEDED,
    @JsonProperty("Failed")
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
