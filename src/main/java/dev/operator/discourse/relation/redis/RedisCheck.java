package dev.operator.discourse.relation.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Talks RESP to Redis over one short-lived socket: AUTH when a password is set, SELECT, PING, INFO server.
 * A few commands do not justify a client library, and a plain socket stays native-image friendly.
 */
@ApplicationScoped
public class RedisCheck {

    static final int TIMEOUT_MILLIS = 5000;

    public RedisCheckResult check(String host, int port, String password, boolean tls, int db) {
        try (Socket socket = open(host, port, tls)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (password != null && !password.isEmpty()) {
                String auth = command(out, in, "AUTH", password);
                if (auth.startsWith("-")) {
                    return new RedisCheckResult(false, "AuthenticationFailed", "AUTH refused: " + error(auth), null);
                }
            }
            String select = command(out, in, "SELECT", Integer.toString(db));
            if (select.startsWith("-NOAUTH")) {
                return new RedisCheckResult(false, "AuthenticationFailed",
                        "Redis asks for a password: set passwordSecretRef", null);
            }
            if (select.startsWith("-")) {
                return new RedisCheckResult(false, "InvalidDatabase", "SELECT " + db + " refused: " + error(select), null);
            }
            String ping = command(out, in, "PING");
            if (!ping.equals("+PONG")) {
                return new RedisCheckResult(false, "UnexpectedReply", "PING answered " + error(ping), null);
            }
            String version = version(command(out, in, "INFO", "server"));
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
        return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).trim())
                .findFirst().orElse(null);
    }

    private static String error(String reply) {
        return reply.startsWith("-") || reply.startsWith("+") ? reply.substring(1) : reply;
    }

    /** Sends one command as a RESP array and reads one reply; bulk strings come back as their text. */
    static String command(OutputStream out, InputStream in, String... args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(bytes);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(buf.toByteArray());
        out.flush();
        return reply(in);
    }

    static String reply(InputStream in) throws IOException {
        String line = line(in);
        if (line.startsWith("$")) {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return "";
            }
            byte[] data = in.readNBytes(length + 2);
            if (data.length < length) {
                throw new IOException("connection closed in a reply");
            }
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }
        return line;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
            if (line.size() > 1 << 20) {
                throw new IOException("reply line too long");
            }
        }
    }
}
