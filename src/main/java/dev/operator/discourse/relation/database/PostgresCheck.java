package dev.operator.discourse.relation.database;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.operator.discourse.api.v1alpha1.DatabaseRelation;
import dev.operator.discourse.metrics.RelationCheckTimer;

/**
 * Connects to PostgreSQL as the app role, checks the version and creates missing extensions: as the app role
 * where PostgreSQL trusts it to (hstore, pg_trgm, unaccent for a database owner), as the admin role otherwise.
 * Timeouts are short so a dead server cannot hold a reconcile thread.
 */
@ApplicationScoped
public class PostgresCheck {

    public static final int MINIMUM_VERSION_NUM = 150000;
    /**
     * discourse-ai's migration 20240611170904_upgrade_pgvector_070 runs ALTER EXTENSION vector UPDATE below 0.7.0,
     * which only the extension's owner may: an older vector would fail a migration instead of this check.
     */
    public static final Map<String, String> MINIMUM_EXTENSION_VERSIONS = Map.of("vector", "0.7.0");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final RelationCheckTimer timer;

    public PostgresCheck(RelationCheckTimer timer) {
        this.timer = timer;
    }

    public DatabaseCheckResult check(DatabaseConnection app, Optional<DatabaseConnection> admin, List<String> extensions) {
        return timer.time(DatabaseRelation.class.getSimpleName(),
                () -> check(app, admin, extensions, MINIMUM_EXTENSION_VERSIONS), DatabaseCheckResult::reason);
    }

    DatabaseCheckResult check(DatabaseConnection app, Optional<DatabaseConnection> admin, List<String> extensions,
            Map<String, String> minimumVersions) {
        String version;
        List<String> needAdmin = new ArrayList<>();
        try (Connection c = open(app)) {
            version = query(c, "SHOW server_version");
            int versionNum = Integer.parseInt(query(c, "SHOW server_version_num"));
            if (versionNum < MINIMUM_VERSION_NUM) {
                return new DatabaseCheckResult(true, false, "UnsupportedVersion",
                        "PostgreSQL " + version + " is too old: Discourse needs 15 or later", version);
            }
            Set<String> missing = missing(c, extensions);
            // an installed extension is available by definition: the catalogue is read only when one is missing
            List<String> unavailable = missing.isEmpty() ? List.of() : unavailable(c, missing);
            if (!unavailable.isEmpty()) {
                return new DatabaseCheckResult(true, false, "ExtensionUnavailable", "the server has no "
                        + String.join(", ", unavailable) + " extension to create"
                        + (unavailable.contains("vector") ? " (vector is pgvector 0.7 or later)" : ""), version);
            }
            for (String extension : missing) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION IF NOT EXISTS " + quote(extension));
                } catch (SQLException e) {
                    if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                        return new DatabaseCheckResult(true, false, "ExtensionFailed",
                                "CREATE EXTENSION " + extension + " failed: " + clean(e, app), version);
                    }
                    needAdmin.add(extension);
                }
            }
        } catch (SQLException e) {
            return classify(e, app);
        }
        if (needAdmin.isEmpty()) {
            return outdated(app, extensions, minimumVersions, version)
                    .orElse(new DatabaseCheckResult(true, true, "Ready", "Connected to " + app.endpoint(), version));
        }
        if (admin.isEmpty()) {
            return new DatabaseCheckResult(true, false, "InsufficientPrivilege", "role " + app.user()
                    + " may not create extension " + String.join(", ", needAdmin)
                    + "; set adminSecretRef to a role that may (vector needs a superuser)", version);
        }
        try (Connection c = open(admin.get()); Statement s = c.createStatement()) {
            for (String extension : needAdmin) {
                s.execute("CREATE EXTENSION IF NOT EXISTS " + quote(extension));
            }
        } catch (SQLException e) {
            DatabaseCheckResult failed = classify(e, admin.get());
            String reason = INSUFFICIENT_PRIVILEGE.equals(e.getSQLState()) ? "InsufficientPrivilege" : failed.reason();
            return new DatabaseCheckResult(true, false, reason, "as admin role " + admin.get().user()
                    + ", creating " + String.join(", ", needAdmin) + " failed: " + failed.message(), version);
        }
        return outdated(app, extensions, minimumVersions, version)
                .orElse(new DatabaseCheckResult(true, true, "Ready", "Connected to " + app.endpoint(), version));
    }

    private static Optional<DatabaseCheckResult> outdated(DatabaseConnection app, List<String> extensions,
            Map<String, String> minimumVersions, String serverVersion) {
        if (extensions.stream().noneMatch(minimumVersions::containsKey)) {
            return Optional.empty();
        }
        List<String> old = new ArrayList<>();
        try (Connection c = open(app); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT extname, extversion FROM pg_extension")) {
            while (rs.next()) {
                String minimum = minimumVersions.get(rs.getString(1));
                if (minimum != null && extensions.contains(rs.getString(1))
                        && ExtensionVersion.compare(rs.getString(2), minimum) < 0) {
                    old.add(rs.getString(1) + " " + rs.getString(2) + " (needs " + minimum + ")");
                }
            }
        } catch (SQLException e) {
            return Optional.of(classify(e, app));
        }
        if (old.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseCheckResult(true, false, "ExtensionOutdated", "extension " + String.join(", ", old)
                + " is too old; run ALTER EXTENSION ... UPDATE as its owner", serverVersion));
    }

    private static List<String> unavailable(Connection c, Set<String> wanted) throws SQLException {
        Set<String> available = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM pg_available_extensions")) {
            while (rs.next()) {
                available.add(rs.getString(1));
            }
        }
        return wanted.stream().filter(e -> !available.contains(e)).toList();
    }

    /** A short-timeout connection, as the checks use; also the restore's read of the database after a failure. */
    public static Connection open(DatabaseConnection db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        props.setProperty("password", db.password());
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", "15");
        props.setProperty("ApplicationName", "discourse-operator");
        if (!db.sslmode().isBlank()) {
            props.setProperty("sslmode", db.sslmode());
        }
        if (!db.caCertificate().isBlank()) {
            props.setProperty("sslrootcert", CaFiles.pathOf(db.caCertificate()).toString());
        }
        String url = "jdbc:postgresql://" + hostForUrl(db.host()) + ":" + db.port() + "/" + db.database();
        return DriverManager.getConnection(url, props);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static Set<String> missing(Connection c, List<String> wanted) throws SQLException {
        Set<String> installed = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT extname FROM pg_extension")) {
            while (rs.next()) {
                installed.add(rs.getString(1));
            }
        }
        Set<String> missing = new java.util.LinkedHashSet<>(wanted);
        missing.removeAll(installed);
        return missing;
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Extension names come from the spec; quoting keeps them identifiers, never SQL. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static DatabaseCheckResult classify(SQLException e, DatabaseConnection db) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = clean(e, db);
        if (state.equals("28P01")) {
            return DatabaseCheckResult.unreachable("AuthenticationFailed", message);
        }
        if (state.equals("28000")) {
            return DatabaseCheckResult.unreachable("AuthorizationFailed", message);
        }
        if (state.equals("3D000")) {
            return DatabaseCheckResult.unreachable("DatabaseNotFound", message);
        }
        if (state.equals(INSUFFICIENT_PRIVILEGE)) {
            return DatabaseCheckResult.unreachable("InsufficientPrivilege", message);
        }
        if (hasCause(e, SSLException.class) || message.startsWith("SSL error")
                || message.contains("does not support SSL")) {
            return DatabaseCheckResult.unreachable("TlsFailed", "TLS to " + db.host() + ":" + db.port() + " failed"
                    + " (sslmode " + (db.sslmode().isEmpty() ? "prefer" : db.sslmode()) + "; the CA is spec.caSecretRef): "
                    + message);
        }
        if (state.startsWith("08") || hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)
                || hasCause(e, SocketTimeoutException.class)) {
            return DatabaseCheckResult.unreachable("Unreachable", "cannot reach " + db.host() + ":" + db.port()
                    + ": " + message);
        }
        return DatabaseCheckResult.unreachable("ConnectionFailed", message);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Server messages never carry the password, but a driver's might echo a URL: never let it through. */
    static String clean(SQLException e, DatabaseConnection db) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (db.password() != null && !db.password().isEmpty()) {
            message = message.replace(db.password(), "***");
        }
        return message.lines().findFirst().orElse(message);
    }
}
