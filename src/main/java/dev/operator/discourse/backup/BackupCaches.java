package dev.operator.discourse.backup;

import dev.operator.discourse.api.v1alpha1.DiscourseBackup;
import dev.operator.discourse.cache.CachePruning;
import dev.operator.discourse.cache.SharedCacheSpec;

/**
 * The DiscourseBackups as the controllers beside the backup reconciler read them (an upgrade waits for its backup
 * and for any running one; a schedule counts its own), in one copy for all of them.
 */
public final class BackupCaches {

    public static final SharedCacheSpec<DiscourseBackup> BACKUPS = new SharedCacheSpec<>("backups", DiscourseBackup.class,
            null, CachePruning.withoutManagedFields());

    private BackupCaches() {
    }
}
