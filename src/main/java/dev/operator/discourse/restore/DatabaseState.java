package dev.operator.discourse.restore;

/**
 * What a failed restore left in the database, as the operator read it: whether it read it at all, whether public
 * holds a Discourse schema a forum can start on, and a sentence for the status.
 */
public record DatabaseState(boolean read, boolean servable, int backupTables, String description) {

    static DatabaseState unread(String why) {
        return new DatabaseState(false, false, 0, "the operator could not read the database: " + why);
    }

    /**
     * Whether the forum may start on it after a failed restore: a Discourse schema in public and nothing in schema
     * backup. Discourse's own rollback moves backup's tables back to public, so tables left there mean a restore
     * that did not roll back (killed in its migrations or while extracting the uploads): public may hold the
     * archive half done, and starting the forum on it is not the operator's call.
     */
    public boolean rolledBack() {
        return servable && backupTables == 0;
    }

    /**
     * @param publicVersion the highest migration in public.schema_migrations, or null without that table
     * @param backupTables the tables in schema backup, where Discourse's restore moves the database it replaces
     */
    static DatabaseState of(String publicVersion, int backupTables) {
        String backup = backupTables == 0 ? "there is no schema backup"
                : "schema backup holds " + backupTables + " tables of the database as it was before a restore "
                        + "(Discourse's `script/discourse rollback` moves them back to public)";
        if (publicVersion == null) {
            return new DatabaseState(true, false, backupTables, "public holds no Discourse schema; " + backup);
        }
        return new DatabaseState(true, true, backupTables, "public holds a Discourse schema at migration " + publicVersion
                + "; " + backup);
    }
}
