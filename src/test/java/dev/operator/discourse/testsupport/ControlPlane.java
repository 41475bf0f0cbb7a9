package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;

/**
 * A whole Kubernetes control plane on loopback, as {@code scripts/build-control-plane.sh} built it: etcd,
 * kube-apiserver, kube-controller-manager (the real StatefulSet, Job, garbage-collector, namespace and
 * ClusterRole-aggregation controllers, among all the others), kube-scheduler, and kwok, which plays the kubelet
 * of the simulated nodes ({@code control-plane/kwok-stages.yaml}). Every component authenticates with a static
 * token of its own; the API server makes its own serving certificate.
 *
 * <p>Only JDK classes here: the JVM's shutdown hook stops it after Quarkus closed the class loader of the test
 * that started it.
 */
final class ControlPlane implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** kwok's annotation for the nodes it plays; the stages file says what it does with their pods. */
    static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";

    private final ControlPlaneBinaries binaries;
    private final Path dir;
    /** Each running component, in the order started. */
    private final Map<Process, String> names = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private int apiServerPort;
    /** The API server's arguments, so {@link #restartApiServer} starts it again as it was. */
    private List<String> apiServerArgs;
    private Path serverCert;
    private HttpClient https;

    private ControlPlane(ControlPlaneBinaries binaries, Path dir) {
        this.binaries = binaries;
        this.dir = dir;
    }

    /** Starts every component in {@code dir} and returns once the API server is ready and the controllers run. */
    static ControlPlane start(ControlPlaneBinaries binaries, Path dir, Map<String, String> extraApiServerFlags) {
        ControlPlane plane = new ControlPlane(binaries, dir);
        try {
            plane.startAll(extraApiServerFlags);
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> extraApiServerFlags) {
        try {
            Files.createDirectories(dir);
            int etcdPort = startEtcd();
            Path saKey = writeServiceAccountKey();
            writeTokens();
            startApiServer(etcdPort, saKey, extraApiServerFlags);
            awaitApiServerReady();
            launch("kube-controller-manager", List.of(
                    "--kubeconfig=" + kubeconfig("kube-controller-manager"),
                    "--leader-elect=false",
                    "--secure-port=0",
                    "--controllers=*",
                    "--use-service-account-credentials=false",
                    "--service-account-private-key-file=" + saKey,
                    "--root-ca-file=" + serverCert,
                    // the defaults (20/30) would make the benchmark measure the controllers' client throttle
                    "--kube-api-qps=200", "--kube-api-burst=400",
                    "--v=1"));
            launch("kube-scheduler", List.of(
                    "--kubeconfig=" + kubeconfig("kube-scheduler"),
                    "--leader-elect=false",
                    "--secure-port=0",
                    "--v=1"));
            launch("kwok", List.of(
                    "--kubeconfig=" + kubeconfig("kwok"),
                    "--config=" + copyResource("control-plane/kwok-stages.yaml"),
                    "--manage-all-nodes=false",
                    "--manage-nodes-with-annotation-selector=" + KWOK_NODE_ANNOTATION + "=fake",
                    "--node-lease-duration-seconds=40",
                    "--cidr=10.128.0.0/12",
                    "--node-ip=10.127.0.1",
                    "--server-address=127.0.0.1:" + TestProcesses.freeLoopbackPort(),
                    "-v=WARN"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int startEtcd() {
        int client = TestProcesses.freeLoopbackPort();
        int peer = TestProcesses.freeLoopbackPort();
        String peerUrl = "http://127.0.0.1:" + peer;
        launch("etcd", List.of(
                "--name=test", "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=http://127.0.0.1:" + client,
                "--advertise-client-urls=http://127.0.0.1:" + client,
                "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=test=" + peerUrl,
                // a test cluster's data is thrown away with the run; fsync only costs time
                "--unsafe-no-fsync",
                "--log-level=warn"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + client + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        awaitOrFail("etcd healthy", () -> {
            try {
                return http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"true\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return client;
    }

    /** The service-account token signer's key, which the API server verifies and the token controller signs with. */
    private Path writeServiceAccountKey() throws IOException {
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return writePrivate(dir.resolve("service-account.key"), pem);
    }

    /** One token per component, each a member of system:masters: the control plane trusts its own parts. */
    private void writeTokens() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (String user : List.of("admin", "kube-controller-manager", "kube-scheduler", "kwok")) {
            String token = UUID.randomUUID().toString();
            tokens.put(user, token);
            String name = user.equals("admin") ? "admin" : "system:" + user;
            csv.append(token).append(',').append(name).append(',').append(name).append(",\"system:masters\"\n");
        }
        writePrivate(dir.resolve("tokens.csv"), csv.toString());
    }

    private void startApiServer(int etcdPort, Path saKey, Map<String, String> extraFlags) {
        apiServerPort = TestProcesses.freeLoopbackPort();
        Path certDir = dir.resolve("apiserver-certs");
        serverCert = certDir.resolve("apiserver.crt");
        List<String> args = new ArrayList<>(List.of(
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                // the endpoint reconciler refuses a loopback address for the kubernetes Service; nothing here
                // reaches the API server through that Service
                "--endpoint-reconciler-type=none",
                "--secure-port=" + apiServerPort,
                "--cert-dir=" + certDir,
                "--token-auth-file=" + dir.resolve("tokens.csv"),
                "--authorization-mode=Node,RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + saKey,
                "--service-account-signing-key-file=" + saKey,
                "--service-cluster-ip-range=10.96.0.0/16",
                "--allow-privileged=true",
                "--v=1"));
        extraFlags.forEach((flag, value) -> args.add(flag + "=" + value));
        apiServerArgs = List.copyOf(args);
        launch("kube-apiserver", args);
    }

    /**
     * Stops kube-apiserver as a control-plane upgrade does (SIGTERM, and SIGKILL after 10 s as a kubelet would
     * after a short grace period: with watches open through the fault proxy it would drain for a minute), waits
     * the given time with nothing listening, and starts it again on the same port, with the
     * same certificate and etcd, so every client comes back to the same cluster. Returns once it is ready again.
     */
    synchronized void restartApiServer(Duration down) {
        Process apiServer = names.entrySet().stream().filter(e -> e.getValue().equals("kube-apiserver"))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("no kube-apiserver runs"));
        apiServer.destroy();
        try {
            if (!apiServer.waitFor(10, TimeUnit.SECONDS)) {
                apiServer.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            names.remove(apiServer);
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        launch("kube-apiserver", apiServerArgs);
        awaitOrFail("kube-apiserver /readyz after its restart", () -> statusOf("/readyz") == 200);
    }

    private void awaitApiServerReady() {
        awaitOrFail("kube-apiserver serving certificate", () -> Files.isRegularFile(serverCert));
        https = HttpClient.newBuilder().sslContext(trusting(serverCert)).connectTimeout(Duration.ofSeconds(2)).build();
        awaitOrFail("kube-apiserver /readyz", () -> statusOf("/readyz") == 200);
    }

    /** The status of a GET on the API server as admin; 0 when it did not answer. */
    private int statusOf(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + tokens.get("admin")).build();
        try {
            return https.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    /** A kubeconfig for one component (or {@code admin}), written once into the control plane's directory. */
    Path kubeconfig(String user) {
        Path file = dir.resolve(user + ".kubeconfig");
        if (!Files.exists(file)) {
            try {
                writePrivate(file, kubeconfigYaml(user));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    String kubeconfigYaml(String user) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    certificate-authority: %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: test
                  context:
                    cluster: test
                    user: %s
                    namespace: default
                current-context: test
                """.formatted(url(), serverCert, user, tokens.get(user), user);
    }

    /** The last lines each component logged, for a failure message. */
    String logTails() {
        StringBuilder out = new StringBuilder();
        for (String name : ControlPlaneBinaries.EXECUTABLES) {
            Path log = dir.resolve(name + ".log");
            if (Files.exists(log)) {
                out.append("--- ").append(log).append('\n').append(TestProcesses.tail(log)).append('\n');
            }
        }
        return out.toString();
    }

    private void launch(String name, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(binaries.executable(name).toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            names.put(process, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Names the first component that died, so a broken start fails with its log instead of a time-out. */
    void checkAlive() {
        names.forEach((p, name) -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + "\n" + logTails());
            }
        });
    }

    void awaitOrFail(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            if (condition.getAsBoolean()) {
                return;
            }
            TestProcesses.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + what + "\n" + logTails());
    }

    private Path copyResource(String resource) throws IOException {
        Path target = dir.resolve(Path.of(resource).getFileName());
        try (InputStream in = ControlPlane.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
        return file;
    }

    private static SSLContext trusting(Path pem) {
        try {
            return PemTrust.context(Files.readAllBytes(pem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops every component: all are asked at once (SIGTERM), and whatever still runs after a few seconds is
     * killed. The data is thrown away with the directory, so nothing needs a clean shutdown.
     */
    @Override
    public void close() {
        names.keySet().forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process p : names.keySet()) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        names.clear();
    }
}
