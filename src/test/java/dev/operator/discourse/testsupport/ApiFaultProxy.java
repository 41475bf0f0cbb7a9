package dev.operator.discourse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.fabric8.kubernetes.client.Config;

/**
 * A fault-injecting proxy between a client (the operator under test) and the test control plane's API server:
 * HTTPS on a free loopback port, every request forwarded to the real server unless its {@link #faults() policy}
 * answers it with 500, 429 or 409, holds it unanswered, cuts its watch stream, or refuses the connection; and
 * {@link #down()} makes the server unreachable until {@link #up()}. {@link #counters()} tell what the client
 * asked for (per verb and resource, writes apart), so a test can bound its request rate or demand silence.
 *
 * <p>Point the client at {@link #kubeconfigFile()}: the proxy's address, its own certificate as the cluster's
 * CA, the real kubeconfig's token (the proxy passes credentials through; the API server still authenticates
 * and authorizes every request). Only HTTP/1.1 is offered (ALPN), so clients that prefer HTTP/2 fall back,
 * and each request can be seen on its own.
 *
 * <p>JDK only, apart from fabric8's model for the Status bodies and for reading the kubeconfig: one thread per
 * client connection, each with its own connection to the API server.
 */
public final class ApiFaultProxy implements AutoCloseable {

    /** The seed of the policy's decisions unless a test sets another. */
    public static final long DEFAULT_SEED = 14;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final URI upstream;
    private final String token;
    private final SSLContext upstreamTls;
    private final ApiFaultTls tls;
    private final ServerSocket listener;
    private final Path dir;
    private final Path kubeconfigFile;
    private final String kubeconfigYaml;
    private final ApiFaults faults = new ApiFaults(DEFAULT_SEED);
    private final ApiFaultCounters counters = new ApiFaultCounters();
    private final Set<ApiFaultConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(daemon("api-fault-proxy-timer"));
    private final AtomicInteger connectionNumber = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean closed;

    private ApiFaultProxy(Config upstreamConfig) throws IOException {
        this.upstream = URI.create(upstreamConfig.getMasterUrl());
        this.token = tokenOf(upstreamConfig);
        this.upstreamTls = ApiFaultTls.trustingUpstream(upstreamConfig);
        this.tls = ApiFaultTls.selfSigned();
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.dir = Files.createTempDirectory("api-fault-proxy-");
        this.kubeconfigYaml = kubeconfig(url(), tls.certificatePem, token);
        this.kubeconfigFile = dir.resolve("proxy.kubeconfig");
        Files.createFile(kubeconfigFile,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(kubeconfigFile, kubeconfigYaml);
    }

    /** A proxy in front of the shared test API server, with no faults yet. */
    public static ApiFaultProxy start(KubeApiServer server) {
        return start(server.config());
    }

    /** A proxy in front of the API server this configuration reaches (its URL, CA and bearer token). */
    public static ApiFaultProxy start(Config upstream) {
        try {
            ApiFaultProxy proxy = new ApiFaultProxy(upstream);
            Thread acceptor = daemon("api-fault-proxy-accept").newThread(proxy::acceptLoop);
            acceptor.start();
            TestProcesses.closeAtExit(proxy);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fault policy, changeable while the proxy runs. */
    public ApiFaults faults() {
        return faults;
    }

    public ApiFaultCounters counters() {
        return counters;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String url() {
        return "https://127.0.0.1:" + port();
    }

    public Path kubeconfigFile() {
        return kubeconfigFile;
    }

    public String kubeconfigYaml() {
        return kubeconfigYaml;
    }

    /** A fresh client configuration through the proxy (a Config is mutable, so callers get their own). */
    public Config config() {
        return Config.fromKubeconfig(kubeconfigYaml);
    }

    /** The bearer token the proxy's kubeconfig carries, for tests that send raw HTTP requests through it. */
    public String bearerToken() {
        return token;
    }

    /** An SSL context trusting the proxy's certificate, for tests that send raw HTTP requests through it. */
    public SSLContext clientSslContext() {
        return tls.clientTrustingProxy();
    }

    /**
     * The API server becomes unreachable: every open connection is cut (watches included) and every new one is
     * closed as soon as it is accepted, until {@link #up()}.
     */
    public void down() {
        down = true;
        severAll();
    }

    public void up() {
        down = false;
    }

    public boolean isDown() {
        return down;
    }

    /** Cuts every open connection now; the clients reconnect as after a network blip. */
    public void severAll() {
        List.copyOf(open).forEach(ApiFaultConnection::sever);
    }

    /**
     * The requests being served right now per verb and resource: mostly the client's watches, one stream each,
     * so a missing key names an informer that is not watching.
     */
    public Map<String, Long> inFlight() {
        return open.stream().map(ApiFaultConnection::current).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(ApiFaultRequest::key, TreeMap::new, Collectors.counting()));
    }

    /** Connections open right now (watches hold one each). */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        severAll();
        timers.shutdownNow();
        TestProcesses.deleteRecursively(dir);
        TestProcesses.closed(this);
    }

    @Override
    public String toString() {
        return "ApiFaultProxy " + url() + " -> " + upstream + " (" + faults + ")";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket raw;
            try {
                raw = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a failed accept (the client gave up at once) must not end the proxy
            }
            counters.connection();
            if (down || faults.refusesConnection()) {
                counters.fault(ApiFaultKind.REFUSE);
                closeAtOnce(raw);
                continue;
            }
            try {
                SSLSocket tlsSocket = (SSLSocket) tls.server.getSocketFactory().createSocket(raw, null, true);
                tlsSocket.setUseClientMode(false);
                SSLParameters parameters = tlsSocket.getSSLParameters();
                parameters.setApplicationProtocols(new String[] { "http/1.1" });
                tlsSocket.setSSLParameters(parameters);
                ApiFaultConnection connection = new ApiFaultConnection(this, raw, tlsSocket);
                open.add(connection);
                daemon("api-fault-proxy-conn-" + connectionNumber.incrementAndGet()).newThread(connection).start();
            } catch (IOException e) {
                closeAtOnce(raw);
            }
        }
    }

    void closed(ApiFaultConnection connection) {
        open.remove(connection);
    }

    /** Runs the action after the delay, on the proxy's timer thread. */
    void later(Duration delay, Runnable action) {
        if (!closed) {
            timers.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    Socket connectUpstream() throws IOException {
        Socket raw = new Socket();
        raw.setTcpNoDelay(true);
        raw.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), CONNECT_TIMEOUT_MS);
        return raw;
    }

    SSLSocket upstreamTls(Socket raw) throws IOException {
        SSLSocket socket = (SSLSocket) upstreamTls.getSocketFactory().createSocket(raw, upstream.getHost(),
                upstream.getPort(), true);
        socket.startHandshake();
        return socket;
    }

    /** Closed with a reset, not a graceful close: the client learns at once that nothing serves here. */
    private static void closeAtOnce(Socket raw) {
        try {
            raw.setSoLinger(true, 0);
            raw.close();
        } catch (SocketException e) {
            try {
                raw.close();
            } catch (IOException ignored) {
                // gone
            }
        } catch (IOException e) {
            // gone
        }
    }

    private static String tokenOf(Config config) {
        String token = config.getOauthToken() != null ? config.getOauthToken() : config.getAutoOAuthToken();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("the upstream kubeconfig has no bearer token to pass on");
        }
        return token;
    }

    private static String kubeconfig(String url, String caPem, String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: api-fault-proxy
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: through-proxy
                  user:
                    token: %s
                contexts:
                - name: api-fault-proxy
                  context:
                    cluster: api-fault-proxy
                    user: through-proxy
                    namespace: default
                current-context: api-fault-proxy
                """.formatted(url, Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)),
                token);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
