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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code target/quarkus-app/quarkus-run.jar}) as its own JVM, run as users run it,
 * against the shared test API server. Killing it is a real crash: no shutdown hook, nothing flushed.
 */
public final class OperatorProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;

    private OperatorProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static Path jar() {
        return RepoPaths.root().resolve("target/packaged-operator/quarkus-run.jar");
    }

    /** Starts the jar and returns once its readiness check answers UP (all controllers started). */
    public static OperatorProcess start(KubeApiServer server, String name) {
        if (!Files.isRegularFile(jar())) {
            throw new IllegalStateException("No packaged operator at " + jar() + ": run `mvn package` first");
        }
        int port = TestProcesses.freeLoopbackPort();
        Path log = RepoPaths.root().resolve("target/" + name + ".log");
        try {
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dkubeconfig=" + server.kubeconfigFile(),
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.profile=prod", "-jar", jar().toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            OperatorProcess operator = new OperatorProcess(process, log, port);
            TestProcesses.closeAtExit(operator);
            operator.awaitReady();
            return operator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The operator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            TestProcesses.sleep(200);
        }
        throw new IllegalStateException("The operator was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    /** SIGKILL, as an OOM kill or a node loss would end it. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestProcesses.closed(this);
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
