package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * One real Kubernetes control plane ({@link ControlPlane}: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler and kwok's simulated nodes, built by {@code scripts/build-control-plane.sh}) for the whole test
 * JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Plain JUnit tests call {@link #shared()}; it aborts the calling test (JUnit assumption, so the test is
 * reported as skipped with the reason) when the control plane has not been built on this machine. If it is built
 * but fails to start, that is an error, not a skip: a broken environment must not look like a green run.
 *
 * <p>Quarkus tests load test classes in their own class loader, so this class may exist more than once per JVM.
 * The running control plane is therefore advertised through a system property (the kubeconfig file's path):
 * whichever copy starts it owns the processes, every other copy reuses them. What must outlive a Quarkus class
 * loader (the nodes' and volumes' informers, {@link SimulatedCluster}) runs in the system class loader.
 */
public final class KubeApiServer {

    /** The Kubernetes release the control plane is built from (src/test/controlplane/kubernetes/go.mod). */
    public static final String VERSION = "1.37.2";

    /** Where the running server's kubeconfig lives; shared by every class loader in the JVM. */
    static final String KUBECONFIG_FILE_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.kubeconfig";
    /** Why the control plane cannot run here, once that is known, so later copies skip without retrying. */
    static final String UNAVAILABLE_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.unavailable";
    /** Set when the control plane failed although built, so later tests fail at once instead of retrying. */
    static final String FAILED_PROPERTY = "dev.operator.discourse.testsupport.kubeapi.failed";
    /** What runs, for logs and reports: every component with its version. */
    static final String DESCRIPTION_PROPERTY = "dev.operator.discourse.testsupport.controlplane.description";
    /** Another build of the control plane than {@code .cache/control-plane}. */
    public static final String BINARIES_PROPERTY = "dev.operator.discourse.testsupport.controlplane.dir";

    private static KubeApiServer shared;
    /**
     * The control plane this class loader started, if it did: only its starter can restart a component (the
     * processes are its own). System properties hold strings only; other loaders find the server by those.
     */
    private static ControlPlane owned;
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
     * Starts the shared control plane if needed. Returns false only when it is not built here
     * ({@link #unavailableReason()} says why); throws when it is built but fails.
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

    /**
     * Restarts kube-apiserver (SIGTERM, then the given time unreachable, then the same server again) and returns
     * once it is ready. The other components and every client reconnect on their own, as in a cluster whose
     * control plane is upgraded. Tests that do this must not run beside others: the whole JVM loses the server.
     */
    public void restartApiServer(Duration down) {
        ControlPlane plane;
        synchronized (KubeApiServer.class) {
            plane = owned;
        }
        if (plane == null) {
            throw new IllegalStateException("another class loader started the control plane; only plain JUnit "
                    + "tests (the *PackagedIT, run by Failsafe) can restart its API server");
        }
        plane.restartApiServer(down);
    }

    /** Every component of the running control plane with its version. */
    public String controlPlane() {
        return System.getProperty(DESCRIPTION_PROPERTY, "?");
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

    static Path binariesDir() {
        String dir = System.getProperty(BINARIES_PROPERTY);
        return dir != null ? Path.of(dir) : ControlPlaneBinaries.defaultDir();
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
            throw new IllegalStateException("the control plane failed to start earlier in this JVM: " + failed);
        }
        Optional<ControlPlaneBinaries> binaries = ControlPlaneBinaries.in(binariesDir());
        if (binaries.isEmpty()) {
            String reason = "the test control plane is not built: nothing complete in " + binariesDir()
                    + ". Run scripts/setup-test-env.sh (it builds it with scripts/build-control-plane.sh).";
            System.setProperty(UNAVAILABLE_PROPERTY, reason);
            System.err.println("WARNING: tests needing a Kubernetes API server will be SKIPPED: " + reason);
            return Optional.empty();
        }
        try {
            shared = startOwned(binaries.get());
        } catch (RuntimeException e) {
            System.setProperty(FAILED_PROPERTY, String.valueOf(e));
            throw e;
        }
        return Optional.of(shared);
    }

    private static KubeApiServer startOwned(ControlPlaneBinaries binaries) {
        long started = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("discourse-control-plane-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ControlPlane plane = ControlPlane.start(binaries, dir, extraFlags);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            plane.close();
            TestProcesses.deleteRecursively(dir);
        }, "control-plane-stop"));
        Path kubeconfig = plane.kubeconfig("admin");
        try {
            ClassLoader.getSystemClassLoader().loadClass(SimulatedCluster.class.getName())
                    .getMethod("prepare", String.class).invoke(null, plane.kubeconfigYaml("admin"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot prepare the simulated nodes and volumes:\n" + plane.logTails(),
                    e.getCause() != null ? e.getCause() : e);
        }
        System.setProperty(DESCRIPTION_PROPERTY, binaries.describe());
        owned = plane;
        System.setProperty(KUBECONFIG_FILE_PROPERTY, kubeconfig.toString());
        System.err.printf("control plane: %s ready in %d ms in %s, kubeconfig %s%n", binaries.describe(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir, kubeconfig);
        return new KubeApiServer(kubeconfig);
    }
}
