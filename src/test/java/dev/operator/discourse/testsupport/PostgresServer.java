package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL 15 (Debian's binaries) for one test: its own data directory in a temp dir, listening on
 * 127.0.0.1 only, on a port of its own, with the unix socket inside the temp dir, password (SCRAM) auth for
 * everyone including the superuser {@value #SUPERUSER}.
 *
 * <pre>
 * try (PostgresServer pg = PostgresServer.startNew()) {
 *     pg.createAppDatabase("discourse", "discourse_app", "secret");
 *     try (Connection c = pg.connect("discourse", "discourse_app", "secret")) { ... }
 *     pg.stop();   // "database down"
 *     pg.start();  // back on the same port, same data
 * }
 * </pre>
 *
 * PostgreSQL refuses to run as root, so under root every server command runs as the {@code postgres} user
 * (created by Debian's postgresql package) through {@code runuser}, and the temp dir is handed to that user.
 */
public final class PostgresServer implements AutoCloseable {

    public static final Path BIN_DIR = Path.of("/usr/lib/postgresql/15/bin");
    public static final String SUPERUSER = "postgres";
    public static final String HOST = "127.0.0.1";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    /** pg_ctl's own wait for start/stop; below COMMAND_TIMEOUT so pg_ctl reports the failure itself. */
    private static final int PG_CTL_WAIT_S = 60;

    private final Path baseDir;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final String superuserPassword;
    private boolean running;
    private boolean closed;
    private TestCertificates certificates;

    private PostgresServer(Path baseDir, int port, String superuserPassword) {
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.log = baseDir.resolve("postgres.log");
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    public static boolean available() {
        return Files.isExecutable(BIN_DIR.resolve("initdb")) && Files.isExecutable(BIN_DIR.resolve("pg_ctl"));
    }

    /**
     * Creates a fresh cluster and starts it; aborts the calling test (reported as skipped) when the PostgreSQL
     * 15 binaries are missing.
     */
    public static PostgresServer startNew() {
        return startNew(false);
    }

    /** A server that also speaks TLS, with a certificate for {@value #HOST} from its own CA ({@link #certificates()}). */
    public static PostgresServer startNewWithTls() {
        return startNew(true);
    }

    private static PostgresServer startNew(boolean tls) {
        Assumptions.assumeTrue(available(),
                "no PostgreSQL 15 binaries in " + BIN_DIR + ": run scripts/setup-test-env.sh");
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("pg-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresServer server = new PostgresServer(baseDir, TestProcesses.freeLoopbackPort(),
                UUID.randomUUID().toString());
        TestProcesses.closeAtExit(server);
        try {
            server.initdb();
            if (tls) {
                server.enableTls();
            }
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void initdb() {
        try {
            Path pwfile = baseDir.resolve("superuser.pw");
            Files.writeString(pwfile, superuserPassword + "\n");
            if (TestProcesses.runningAsRoot()) {
                TestProcesses.chownRecursively(baseDir, "postgres");
            }
            pgTool("initdb", "-D", dataDir.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            Files.delete(pwfile);
            // Durability is pointless for throwaway test data; these keep start/stop and DDL fast.
            Files.writeString(dataDir.resolve("postgresql.conf"), String.join("\n",
                    "",
                    "listen_addresses = '" + HOST + "'",
                    "port = " + port,
                    "unix_socket_directories = '" + baseDir + "'",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off",
                    ""), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void enableTls() {
        certificates = TestCertificates.create(baseDir.resolve("tls"), HOST);
        try {
            Path cert = dataDir.resolve("server.crt");
            Path key = dataDir.resolve("server.key");
            Files.copy(certificates.serverCertificate(), cert);
            Files.copy(certificates.serverKey(), key);
            // PostgreSQL refuses a key that others may read
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            if (TestProcesses.runningAsRoot()) {
                TestProcesses.chownRecursively(dataDir, "postgres");
            }
            Files.writeString(dataDir.resolve("postgresql.conf"), String.join("\n", "", "ssl = on",
                    "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'", ""), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA and server certificate of a server started with TLS. */
    public TestCertificates certificates() {
        if (certificates == null) {
            throw new IllegalStateException("started without TLS: " + this);
        }
        return certificates;
    }

    /** Starts (again) on the same port with the same data; returns once it accepts connections. */
    public synchronized void start() {
        checkNotClosed();
        if (running) {
            return;
        }
        pgTool("pg_ctl", "-D", dataDir.toString(), "-l", log.toString(), "-w", "-t", "" + PG_CTL_WAIT_S, "start");
        running = true;
    }

    /** Stops the server ("fast": open sessions are cut) and waits until it is down; the data stays. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        pgTool("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "" + PG_CTL_WAIT_S, "stop");
        running = false;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /** Stops the server if needed and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            if (running) {
                pgTool("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "" + PG_CTL_WAIT_S,
                        "stop");
                running = false;
            }
        } finally {
            closed = true;
            TestProcesses.closed(this);
            TestProcesses.deleteRecursively(baseDir);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String superuserPassword() {
        return superuserPassword;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    public Connection connect(String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        // the server has no TLS; skip the driver's default attempt at it
        props.setProperty("sslmode", "disable");
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public Connection connectAsSuperuser(String database) throws SQLException {
        return connect(database, SUPERUSER, superuserPassword);
    }

    /** Runs SQL as the superuser in the given database (autocommit, so CREATE DATABASE works too). */
    public void execute(String database, String sql) {
        try (Connection c = connectAsSuperuser(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }

    /** A login role with a password and no special rights (no superuser, createdb, createrole). */
    public void createRole(String role, String password) {
        execute("postgres", quoted("CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOCREATEDB NOCREATEROLE",
                role, password));
    }

    public void createDatabase(String database, String owner) {
        execute("postgres", quoted("CREATE DATABASE %I OWNER %I", database, owner));
    }

    /** What an application gets from a DBA: its own role, owning its own database. */
    public void createAppDatabase(String database, String role, String password) {
        createRole(role, password);
        createDatabase(database, role);
    }

    /** Lets the server quote identifiers (%I) and literals (%L), so no escaping is done by hand. */
    private String quoted(String format, String... args) {
        StringBuilder sql = new StringBuilder("SELECT format(?");
        for (int i = 0; i < args.length; i++) {
            sql.append(", ?");
        }
        sql.append(')');
        try (Connection c = connectAsSuperuser("postgres"); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, format);
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 2, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pgTool(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (TestProcesses.runningAsRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN_DIR.resolve(tool).toString());
        command.addAll(List.of(args));
        TestProcesses.run(COMMAND_TIMEOUT, baseDir.resolve("commands.log"), command);
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("closed: " + this);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + HOST + ":" + port + ", " + baseDir + "]";
    }
}
