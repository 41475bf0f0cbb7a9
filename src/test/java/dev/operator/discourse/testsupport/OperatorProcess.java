package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator, run as users run it ({@code java -jar}, the JVM's defaults) as its own process against
 * a kubeconfig, on a free loopback port. The jar is the copy of {@code target/quarkus-app} the build keeps in
 * {@code target/packaged-operator}, since {@code @QuarkusTest} classes replace the original with a test build.
 * The crash tests kill it (a real crash: no shutdown hook, nothing flushed); the benchmark measures it.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;
    private final long startedNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OperatorProcess(Process process, Path log, int port, long startedNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedNanos = startedNanos;
    }

    public static Path jar() {
        return RepoPaths.root().resolve("target/packaged-operator/quarkus-run.jar");
    }

    /** Starts the jar against the shared test API server and returns once it is ready. */
    public static OperatorProcess start(KubeApiServer server, String name) {
        OperatorProcess operator = launch(jar(), server.kubeconfigFile(), RepoPaths.root().resolve("target/" + name + ".log"));
        operator.awaitReady(READY_TIMEOUT);
        return operator;
    }

    /** Starts the jar and returns at once; {@link #awaitReady} tells when it serves. Stopped at JVM exit at the latest. */
    public static OperatorProcess launch(Path jar, Path kubeconfig, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged operator at " + jar + ": run `mvn package` first");
        }
        int port = TestProcesses.freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkubeconfig=" + kubeconfig, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.profile=prod", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        long started = System.nanoTime();
        try {
            OperatorProcess operator = new OperatorProcess(builder.start(), log, port, started);
            TestProcesses.closeAtExit(operator);
            return operator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from the process start to the first 200 of /q/health/ready (all controllers started). */
    public long awaitReady(Duration timeout) {
        long deadline = startedNanos + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The operator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // short: the benchmark reports start-to-ready from this
            TestProcesses.sleep(20);
        }
        throw new IllegalStateException("The operator was not ready within " + timeout + "; see " + log);
    }

    /** The operator's own Prometheus metrics; empty when it does not answer. */
    public String metrics() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public long pid() {
        return process.pid();
    }

    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** SIGKILL, as an OOM kill or a node loss would end it. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(30);
    }

    /** SIGTERM, as a rollout would end it; SIGKILL if it has not ended after 20 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!awaitExit(20)) {
                kill();
            }
        }
        TestProcesses.closed(this);
    }

    private boolean awaitExit(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
