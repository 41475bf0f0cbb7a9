package dev.operator.discourse.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import dev.operator.discourse.relation.redis.Resp;

/**
 * A private Redis (Debian's redis-server 7) for one test, on 127.0.0.1 and a port of its own, optionally with a
 * password, keeping nothing on disk.
 *
 * <pre>
 * try (RedisServer redis = RedisServer.startNew("secret")) {
 *     redis.command("SET", "k", "v");
 *     redis.stop();   // "Redis down"
 *     redis.start();  // back on the same port (empty: nothing is persisted)
 * }
 * </pre>
 */
public final class RedisServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    public static final String HOST = "127.0.0.1";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int SOCKET_TIMEOUT_MS = 5_000;

    private final Path baseDir;
    private final Path config;
    private final Path log;
    private final int port;
    private final String password;
    private Process process;
    private boolean closed;

    private RedisServer(Path baseDir, int port, String password) {
        this.baseDir = baseDir;
        this.config = baseDir.resolve("redis.conf");
        this.log = baseDir.resolve("redis.log");
        this.port = port;
        this.password = password;
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a Redis without a password. */
    public static RedisServer startNew() {
        return startNew(null);
    }

    /**
     * Starts a Redis that requires {@code password} (none when null); aborts the calling test (reported as
     * skipped) when redis-server is not installed.
     */
    public static RedisServer startNew(String password) {
        Assumptions.assumeTrue(available(), "no " + BINARY + ": run scripts/setup-test-env.sh");
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("redis-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer server = new RedisServer(baseDir, TestProcesses.freeLoopbackPort(), password);
        TestProcesses.closeAtExit(server);
        try {
            server.writeConfig();
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void writeConfig() {
        List<String> lines = new ArrayList<>(List.of(
                "bind " + HOST,
                "port " + port,
                "protected-mode yes",
                "daemonize no",
                "dir " + baseDir,
                "logfile " + log,
                // a test server keeps nothing: no RDB snapshots, no AOF
                "save \"\"",
                "appendonly no"));
        if (password != null) {
            lines.add("requirepass \"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        try {
            Files.write(config, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (again) on the same port; returns once it answers PING. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed: " + this);
        }
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(BINARY.toString(), config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "\n"
                        + TestProcesses.tail(log) + "\n" + TestProcesses.tail(baseDir.resolve("stdout.log")));
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException | IllegalStateException notYet) {
                // not listening yet, or still loading
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server not ready within " + READY_TIMEOUT + "\n"
                        + TestProcesses.tail(log));
            }
            TestProcesses.sleep(50);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL if it lingers) and waits until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
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

    /** The password, or null when the server has none. */
    public String password() {
        return password;
    }

    /**
     * Sends one command on a new connection (authenticating first when there is a password) and returns the
     * reply: a simple string, an integer or a bulk string as text, null for a nil bulk string. A Redis error
     * reply becomes an IllegalStateException; arrays are not supported.
     */
    public String command(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), SOCKET_TIMEOUT_MS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (password != null) {
                Resp.send(out, "AUTH", password);
                unwrap(Resp.read(in));
            }
            Resp.send(out, args);
            return unwrap(Resp.read(in));
        }
    }

    /** Redis' reply as this class's callers want it: errors thrown, nil as null, no arrays. */
    static String unwrap(Resp.Reply reply) {
        switch (reply.type()) {
            case '+':
            case ':':
            case '$':
                return reply.value();
            case '-':
                throw new IllegalStateException("redis error: " + reply.value());
            default:
                throw new IllegalStateException("unsupported reply: " + reply.type() + reply.value());
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + HOST + ":" + port + ", " + baseDir + "]";
    }
}
