package dev.operator.discourse.restore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import dev.operator.discourse.relation.database.DatabaseConnection;
import dev.operator.discourse.relation.database.PostgresCheck;

/**
 * Reads, as the forum's own role, what Discourse's restore leaves behind: it moves the tables of public to schema
 * backup, loads the dump into public in one transaction, migrates, and on an error it catches moves backup back.
 * A restore killed from outside (its pod evicted, out of memory) does not get to move anything back. Only
 * catalogue reads and one max(); nothing is changed.
 */
@ApplicationScoped
public class DatabaseStateProbe {

    public DatabaseState read(DatabaseConnection db) {
        try (Connection c = PostgresCheck.open(db); Statement s = c.createStatement()) {
            String version = null;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('public.schema_migrations') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    try (Statement v = c.createStatement();
                            ResultSet max = v.executeQuery("SELECT max(version) FROM public.schema_migrations")) {
                        max.next();
                        version = max.getString(1) == null ? "none" : max.getString(1);
                    }
                }
            }
            int backupTables;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'backup'")) {
                rs.next();
                backupTables = rs.getInt(1);
            }
            return DatabaseState.of(version, backupTables);
        } catch (SQLException e) {
            return DatabaseState.unread(PostgresCheck.classify(e, db).message());
        }
    }
}
