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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The packaged operator, run as users run it ({@code java -jar}, the JVM's defaults) as its own process against
 * a kubeconfig, on a free loopback port. The jar is the copy of {@code target/quarkus-app} the build keeps in
 * {@code target/packaged-operator}, since {@code @QuarkusTest} classes replace the original with a test build.
 * The crash tests kill it (a real crash: no shutdown hook, nothing flushed); the benchmark measures it.
 *
 * <p>With the system property {@value #NATIVE_BINARY_PROPERTY} or the environment variable
 * {@value #NATIVE_BINARY_ENV} naming a native executable of the operator (the release workflow's
 * {@code target/*-runner}), that executable runs instead of the jar, with the same settings: every test that
 * starts the packaged operator then tests the native binary.
 */
public final class OperatorProcess implements AutoCloseable {

    /** A native executable to run instead of the packaged jar (absolute, or relative to the repository). */
    public static final String NATIVE_BINARY_PROPERTY = "discourse-operator.native-binary";
    /** The same as an environment variable; the system property wins when both are set. */
    public static final String NATIVE_BINARY_ENV = "DISCOURSE_OPERATOR_NATIVE_BINARY";

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

    /** What the tests run as the packaged operator: the native binary when one is named, else {@link #jar()}. */
    public static Path executable() {
        return executable(System::getProperty, System::getenv);
    }

    static Path executable(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String nativeBinary = properties.apply(NATIVE_BINARY_PROPERTY);
        if (nativeBinary == null || nativeBinary.isBlank()) {
            nativeBinary = environment.apply(NATIVE_BINARY_ENV);
        }
        if (nativeBinary == null || nativeBinary.isBlank()) {
            return jar();
        }
        return RepoPaths.root().resolve(nativeBinary.strip());
    }

    /**
     * The command line: {@code java ... -jar} for a jar, the executable itself for a native binary; the same
     * settings either way (a Quarkus native executable takes {@code -D} system properties as arguments).
     */
    static List<String> command(Path program, Path kubeconfig, int port) {
        return command(program, kubeconfig, port, List.of());
    }

    /**
     * With {@code properties} ({@code name=value}) set as system properties after the test's own; an entry that
     * starts with {@code -} is a JVM option and is passed as it is ({@code -XX:MaxRAM=512m}).
     */
    static List<String> command(Path program, Path kubeconfig, int port, List<String> properties) {
        List<String> command = new ArrayList<>();
        boolean jar = program.getFileName().toString().endsWith(".jar");
        command.add(jar ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : program.toString());
        command.addAll(List.of("-Dkubeconfig=" + kubeconfig, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.profile=prod"));
        properties.forEach(property -> command.add(property.startsWith("-") ? property : "-D" + property));
        if (jar) {
            command.addAll(List.of("-jar", program.toString()));
        }
        return command;
    }

    /** Starts the packaged operator against the shared test API server and returns once it is ready. */
    public static OperatorProcess start(KubeApiServer server, String name) {
        OperatorProcess operator = launch(jar(), server.kubeconfigFile(), RepoPaths.root().resolve("target/" + name + ".log"));
        operator.awaitReady(READY_TIMEOUT);
        return operator;
    }

    /**
     * Starts a jar or a native executable and returns at once; {@link #awaitReady} tells when it serves. Stopped
     * at JVM exit at the latest. {@link #jar()} stands for the packaged operator: the native binary when one is
     * named ({@link #executable()}).
     */
    public static OperatorProcess launch(Path jar, Path kubeconfig, Path log) {
        return launch(jar, kubeconfig, log, List.of());
    }

    /** As {@link #launch(Path, Path, Path)}, with these settings ({@code name=value}) as system properties. */
    public static OperatorProcess launch(Path jar, Path kubeconfig, Path log, List<String> properties) {
        Path program = jar.equals(jar()) ? executable() : jar;
        if (!program.equals(jar) && !Files.isExecutable(program)) {
            throw new IllegalStateException("No executable native operator at " + program + " (named by "
                    + NATIVE_BINARY_PROPERTY + " or " + NATIVE_BINARY_ENV + ")");
        }
        if (!Files.isRegularFile(program)) {
            throw new IllegalStateException("No packaged operator at " + program + ": run `mvn package` first");
        }
        int port = TestProcesses.freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(command(program, kubeconfig, port, properties))
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

    /** The loopback port its HTTP endpoints (health, metrics) listen on. */
    public int port() {
        return port;
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
