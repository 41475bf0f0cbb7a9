package dev.operator.discourse.api.v1alpha1;

/** Where an instance is in its lifecycle; upgrades go Migrating, RollingOut, PostMigrating, Ready. */
public enum InstancePhase {
    /** Waiting for a valid spec and for its database and Redis relations. */
    Pending,
    /** The pre-deployment migrations (and, with S3, the asset upload) run while the old pods keep serving. */
    Migrating,
    /** The StatefulSet rolls out the new image. */
    RollingOut,
    /** The post-deployment migrations run against the new pods' schema. */
    PostMigrating,
    /** The target image is rolled out and fully migrated. */
    Ready,
    /**
     * The forum runs, but its database or Redis check fails now: the pods keep serving, and nothing new (a
     * rollout, a migration, more replicas) starts until the check passes again.
     */
    Degraded,
    /** A DiscourseRestore holds web and Sidekiq at zero replicas while it replaces the database. */
    Restoring
}
