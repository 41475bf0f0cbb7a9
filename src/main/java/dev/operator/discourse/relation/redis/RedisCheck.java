package dev.operator.discourse.relation.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import jakarta.enterprise.context.ApplicationScoped;

import dev.operator.discourse.api.v1alpha1.RedisRelation;
import dev.operator.discourse.metrics.RelationCheckTimer;

/**
 * Talks RESP to Redis over one short-lived socket: AUTH when a password is set, SELECT, PING, INFO server.
 * A few commands do not justify a client library, and a plain socket stays native-image friendly.
 */
@ApplicationScoped
public class RedisCheck {

    static final int TIMEOUT_MILLIS = 5000;

    private final RelationCheckTimer timer;

    public RedisCheck(RelationCheckTimer timer) {
        this.timer = timer;
    }

    public RedisCheckResult check(String host, int port, String password, boolean tls, int db) {
        return timer.time(RedisRelation.class.getSimpleName(), () -> unmetered(host, port, password, tls, db),
                RedisCheckResult::reason);
    }

    private RedisCheckResult unmetered(String host, int port, String password, boolean tls, int db) {
        try (Socket socket = open(host, port, tls)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (password != null && !password.isEmpty()) {
                Resp.Reply auth = command(out, in, "AUTH", password);
                if (auth.isError()) {
                    return new RedisCheckResult(false, "AuthenticationFailed", "AUTH refused: " + auth.text(), null);
                }
            }
            Resp.Reply select = command(out, in, "SELECT", Integer.toString(db));
            if (select.isError() && select.text().startsWith("NOAUTH")) {
                return new RedisCheckResult(false, "AuthenticationFailed",
                        "Redis asks for a password: set passwordSecretRef", null);
            }
            if (select.isError()) {
                return new RedisCheckResult(false, "InvalidDatabase", "SELECT " + db + " refused: " + select.text(), null);
            }
            Resp.Reply ping = command(out, in, "PING");
            if (!new Resp.Reply('+', "PONG").equals(ping)) {
                return new RedisCheckResult(false, "UnexpectedReply", "PING answered " + ping.text(), null);
            }
            String version = version(command(out, in, "INFO", "server").value());
            if (version == null) {
                return new RedisCheckResult(false, "UnexpectedReply", "INFO server has no redis_version", null);
            }
            if (!supported(version)) {
                return new RedisCheckResult(false, "UnsupportedVersion",
                        "Redis " + version + " is too old: Discourse needs 6.2 or later", version);
            }
            return new RedisCheckResult(true, "Ready", "Connected to " + host + ":" + port, version);
        } catch (UnknownHostException e) {
            return new RedisCheckResult(false, "Unreachable", "unknown host " + host, null);
        } catch (ConnectException | SocketTimeoutException e) {
            return new RedisCheckResult(false, "Unreachable", "cannot reach " + host + ":" + port + ": " + e.getMessage(), null);
        } catch (SSLException e) {
            return new RedisCheckResult(false, "TlsFailed", "TLS to " + host + ":" + port + " failed: " + e.getMessage(), null);
        } catch (IOException e) {
            return new RedisCheckResult(false, "ConnectionFailed", host + ":" + port + ": " + e.getMessage(), null);
        }
    }

    private static Socket open(String host, int port, boolean tls) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        if (!tls) {
            return plain;
        }
        var sslSocket = (javax.net.ssl.SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
        var params = sslSocket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        sslSocket.setSSLParameters(params);
        sslSocket.startHandshake();
        return sslSocket;
    }

    /** Only the major and minor parts matter: 6.2 is the first with the commands Discourse uses. */
    static boolean supported(String version) {
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 6 || (major == 6 && minor >= 2);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String version(String info) {
        if (info == null) {
            return null;
        }
        return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).trim())
                .findFirst().orElse(null);
    }

    private static Resp.Reply command(OutputStream out, InputStream in, String... args) throws IOException {
        Resp.send(out, args);
        return Resp.read(in);
    }
}
