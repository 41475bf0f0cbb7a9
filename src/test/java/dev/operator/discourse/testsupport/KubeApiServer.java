package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assumptions;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * One real kube-apiserver (v1.20.2, with etcd) for the whole test JVM, started on first use through fabric8's
 * kube-api-test and stopped when the JVM exits.
 *
 * <p>Plain JUnit tests call {@link #shared()}; it aborts the calling test (JUnit assumption, so the test is
 * reported as skipped with the reason) when no binaries are present and none could be downloaded. Binaries
 * come from {@code scripts/setup-test-env.sh}, which lays them out under
 * {@code <repo>/.cache/kube-api-test/k8s/1.20.2-linux-amd64/}. If binaries are present but the server fails to
 * start, that is an error, not a skip: a broken environment must not look like a green run.
 *
 * <p>Quarkus tests load test classes in their own class loader, so this class may exist more than once per JVM.
 * The running server is therefore advertised through a system property (the kubeconfig file's path): whichever
 * copy starts it owns the processes, every other copy reuses them.
 */
public final class KubeApiServer {

    public static final String VERSION = "1.20.2";

    /** Where the running server's kubeconfig lives; shared by every class loader in the JVM. */
    static final String KUBECONFIG_FILE_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.kubeconfig";
    /** Why the server cannot run here, once that is known, so later copies skip without retrying. */
    static final String UNAVAILABLE_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.unavailable";
    /** Set when the server failed with binaries present, so later tests fail at once instead of retrying. */
    static final String FAILED_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.failed";

    public static final String TEST_DIR_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.dir";

    /** kube-api-test's own bound on reaching readiness (etcd, then /readyz, then the default namespace). */
    private static final int STARTUP_TIMEOUT_MS = 90_000;
    /** Download of envtest binaries when none are on disk; the download itself has no timeouts of its own. */
    private static final long DOWNLOAD_AND_START_TIMEOUT_S = 300;

    private static KubeApiServer shared;
    /** Flags for the server this JVM has yet to start; tools outside JUnit (the benchmark's audit log) set them. */
    private static final Map<String, String> extraFlags = new LinkedHashMap<>();

    private final Path kubeconfigFile;
    private final String kubeconfigYaml;
    private KubernetesClient client;

    private KubeApiServer(Path kubeconfigFile) {
        this.kubeconfigFile = kubeconfigFile;
        try {
            this.kubeconfigYaml = Files.readString(kubeconfigFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the shared server if needed. Returns false only when the binaries are missing and could not be
     * downloaded ({@link #unavailableReason()} says why); throws when binaries exist but the server fails.
     */
    public static synchronized boolean available() {
        return tryShared().isPresent();
    }

    /** Why {@link #available()} is false, or null when it is not known to be. */
    public static String unavailableReason() {
        return System.getProperty(UNAVAILABLE_PROPERTY);
    }

    /** The shared, running server; aborts the calling test (reported as skipped) when it cannot run here. */
    public static synchronized KubeApiServer shared() {
        Optional<KubeApiServer> server = tryShared();
        Assumptions.assumeTrue(server.isPresent(), KubeApiServer::unavailableReason);
        return server.get();
    }

    /**
     * Adds kube-apiserver flags to the server this JVM will start. Only before the first start: a running
     * server (or one another class loader started) cannot take them any more, and silently ignoring them would
     * leave the caller measuring something else.
     */
    public static synchronized void addFlagsBeforeStart(Map<String, String> flags) {
        if (shared != null || System.getProperty(KUBECONFIG_FILE_PROPERTY) != null) {
            throw new IllegalStateException("kube-apiserver already started; flags " + flags + " come too late");
        }
        extraFlags.putAll(flags);
    }

    /** Aborts the calling test with the reason when no API server can run on this machine. */
    public static void assumeAvailable() {
        shared();
    }

    public Path kubeconfigFile() {
        return kubeconfigFile;
    }

    public String kubeconfigYaml() {
        return kubeconfigYaml;
    }

    /** A fresh client configuration (a Config is mutable, so callers get their own). */
    public Config config() {
        return Config.fromKubeconfig(kubeconfigYaml);
    }

    public String apiServerUrl() {
        return config().getMasterUrl();
    }

    /** A cluster-admin client shared by the tests of this class loader; callers must not close it. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(config()).build();
        }
        return client;
    }

    /**
     * Where kube-api-test looks for binaries and keeps its certificates; the system property
     * {@value #TEST_DIR_PROPERTY} points elsewhere (the benchmark uses binaries that need a wrapper).
     */
    public static Path testDir() {
        String dir = System.getProperty(TEST_DIR_PROPERTY);
        return dir != null ? Path.of(dir) : RepoPaths.root().resolve(".cache/kube-api-test");
    }

    public static Path binaryDir() {
        return testDir().resolve("k8s/" + VERSION + "-linux-amd64");
    }

    private static boolean binariesPresent() {
        Path dir = binaryDir();
        return Files.isExecutable(dir.resolve("kube-apiserver"))
                && Files.isExecutable(dir.resolve("etcd"))
                && Files.isExecutable(dir.resolve("kubectl"));
    }

    private static Optional<KubeApiServer> tryShared() {
        if (shared != null) {
            return Optional.of(shared);
        }
        if (unavailableReason() != null) {
            return Optional.empty();
        }
        String running = System.getProperty(KUBECONFIG_FILE_PROPERTY);
        if (running != null) {
            shared = new KubeApiServer(Path.of(running));
            return Optional.of(shared);
        }
        String failed = System.getProperty(FAILED_PROPERTY);
        if (failed != null) {
            throw new IllegalStateException("kube-apiserver failed to start earlier in this JVM: " + failed);
        }
        if (binariesPresent()) {
            try {
                shared = startOwned(true);
            } catch (RuntimeException e) {
                System.setProperty(FAILED_PROPERTY, String.valueOf(e));
                throw e;
            }
            return Optional.of(shared);
        }
        // No local binaries: only a machine with internet access can go on, through kube-api-test's download.
        try {
            FutureTask<KubeApiServer> start = new FutureTask<>(() -> startOwned(false));
            Thread thread = new Thread(start, "kube-api-test-download");
            thread.setDaemon(true);
            thread.start();
            shared = start.get(DOWNLOAD_AND_START_TIMEOUT_S, TimeUnit.SECONDS);
            return Optional.of(shared);
        } catch (ExecutionException | TimeoutException e) {
            if (binariesPresent()) {
                System.setProperty(FAILED_PROPERTY, "downloaded binaries, then: " + e);
                throw new IllegalStateException("kube-apiserver binaries were downloaded but the server failed", e);
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String reason = "no kube-apiserver binaries in " + binaryDir()
                    + " and kube-api-test could not download them (offline?): " + cause
                    + ". Run scripts/setup-test-env.sh (needs ../shared/k8s beside the repo).";
            System.setProperty(UNAVAILABLE_PROPERTY, reason);
            System.err.println("WARNING: tests needing a Kubernetes API server will be SKIPPED: " + reason);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KubeApiServer startOwned(boolean offline) {
        KubeAPIServerConfigBuilder config = KubeAPIServerConfigBuilder.anAPIServerConfig();
        extraFlags.forEach(config::withApiServerFlag);
        KubeAPIServer server = new KubeAPIServer(config
                .withTestDir(testDir().toString())
                .withApiServerVersion(VERSION)
                .withOfflineMode(offline)
                // never touch the developer's ~/.kube/config
                .withUpdateKubeConfig(false)
                .withWaitForEtcdHealthCheckOnStartup(true)
                .withStartupTimeout(STARTUP_TIMEOUT_MS)
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .withApiServerFlag("--advertise-address", "127.0.0.1")
                .build());
        long started = System.nanoTime();
        try {
            server.start();
        } catch (RuntimeException e) {
            if (binariesPresent()) {
                // etcd may already be running; without binaries nothing was started and stop() would only NPE
                stopQuietly(server);
            }
            throw e;
        }
        Path kubeconfig;
        try {
            kubeconfig = Files.createTempFile("kube-api-test-", ".kubeconfig",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(kubeconfig, server.getKubeConfigYaml());
        } catch (IOException e) {
            stopQuietly(server);
            throw new UncheckedIOException(e);
        }
        Path kubeconfigToDelete = kubeconfig;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopQuietly(server);
            killLeftoverChildren();
            try {
                Files.deleteIfExists(kubeconfigToDelete);
            } catch (IOException ignored) {
                // JVM is exiting; a leftover temp file is harmless
            }
        }, "kube-api-test-stop"));
        System.setProperty(KUBECONFIG_FILE_PROPERTY, kubeconfig.toString());
        System.err.printf("kube-api-test: kube-apiserver v%s ready in %d ms, kubeconfig %s%n", VERSION,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), kubeconfig);
        return new KubeApiServer(kubeconfig);
    }

    private static void stopQuietly(KubeAPIServer server) {
        try {
            server.stop();
        } catch (Throwable t) {
            // may run from a closed Quarkus class loader at JVM exit; killLeftoverChildren() is the backstop
            System.err.println("kube-api-test: stop failed: " + t);
        }
    }

    /**
     * Uses only JDK classes, so it still works when the class loader that started the server is already closed:
     * our etcd (the wrapper execs /usr/bin/etcd) and kube-apiserver are direct children of this JVM.
     */
    private static void killLeftoverChildren() {
        ProcessHandle.current().children()
                .filter(p -> p.info().command()
                        .map(c -> c.endsWith("/kube-apiserver") || c.endsWith("/etcd"))
                        .orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }
}
