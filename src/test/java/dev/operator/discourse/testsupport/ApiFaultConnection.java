package dev.operator.discourse.testsupport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import dev.operator.discourse.testsupport.ApiFaultHttp.Head;

/**
 * One client connection to the proxy, served on a thread of its own: each request is read, counted, maybe
 * faulted, and otherwise forwarded over this connection's own connection to the API server, which lives as
 * long as the client keeps its connection alive. One upstream connection per client connection keeps the
 * client's keep-alive, streaming and upgrade semantics without a pool to get wrong.
 *
 * <p>Both TLS sockets sit on plain TCP sockets that {@link #sever()} closes directly: a cut stream must look
 * cut (no TLS close_notify), and closing the raw socket wakes a thread blocked on it at once.
 */
final class ApiFaultConnection implements Runnable {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** How often a held request checks whether its client gave up. */
    private static final int HOLD_POLL_MS = 200;

    private final ApiFaultProxy proxy;
    private final Socket rawClient;
    private final SSLSocket client;
    private volatile Socket rawUpstream;
    private InputStream upstreamIn;
    private OutputStream upstreamOut;
    private volatile boolean severed;
    /** Numbers each request, so a watch's scheduled cut never hits a later request on the same connection. */
    private volatile long requestNumber;
    /** The request being served, null between requests: what {@link ApiFaultProxy#inFlight()} reports. */
    private volatile ApiFaultRequest current;

    ApiFaultConnection(ApiFaultProxy proxy, Socket rawClient, SSLSocket client) {
        this.proxy = proxy;
        this.rawClient = rawClient;
        this.client = client;
    }

    @Override
    public void run() {
        try {
            client.startHandshake();
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (!severed && serveOne(in, out)) {
                current = null; // keep-alive: the next request on the same connection
            }
        } catch (IOException e) {
            // the client, the API server or a fault ended the connection; the client sees that as it would
        } finally {
            sever();
            proxy.closed(this);
        }
    }

    /** Serves one request; false when the connection must end after it. */
    private boolean serveOne(InputStream in, OutputStream out) throws IOException {
        Head head = ApiFaultHttp.readHead(in);
        if (head == null) {
            return false;
        }
        long number = ++requestNumber;
        ApiFaultRequest request = ApiFaultRequest.parse(head.method(), head.target());
        current = request;
        proxy.counters().request(request);
        if (proxy.isDown()) {
            proxy.counters().fault(ApiFaultKind.REFUSE);
            return false;
        }
        if (head.hasToken("Expect", "100-continue")) {
            // answered here, so the upstream server never waits for a body it already has
            out.write(CONTINUE);
            out.flush();
            head = head.without("Expect");
        }
        byte[] body = ApiFaultHttp.readRequestBody(in, head);
        boolean keepAlive = !head.hasToken("Connection", "close");
        Optional<ApiFaultKind> fault = proxy.faults().decide(request);
        if (fault.isPresent()) {
            ApiFaultKind kind = fault.get();
            proxy.counters().fault(kind);
            switch (kind) {
                case STATUS_500, STATUS_429, STATUS_409 -> {
                    out.write(ApiFaultAnswers.response(kind, request));
                    out.flush();
                    return keepAlive;
                }
                case TIMEOUT -> {
                    hold(in);
                    return false;
                }
                default -> { // REFUSE; a DROP_WATCH never answers a request (see watchUntilCut)
                    return false;
                }
            }
        }
        if (request.isWatch()) {
            watchUntilCut(number, request);
        }
        return forward(head, body, request, in, out) && keepAlive;
    }

    /**
     * While the watch streams, the policy gets a chance to cut it every so often ({@link ApiFaultKind#DROP_WATCH});
     * it stops looking once the connection serves another request or is gone.
     */
    private void watchUntilCut(long number, ApiFaultRequest watch) {
        proxy.later(proxy.faults().watchLifetime(), () -> {
            if (severed || requestNumber != number) {
                return;
            }
            if (proxy.faults().cutsWatch(watch)) {
                proxy.counters().fault(ApiFaultKind.DROP_WATCH);
                sever();
            } else {
                watchUntilCut(number, watch);
            }
        });
    }

    /** Sends the request upstream and relays the answer; false when the connection cannot carry another. */
    private boolean forward(Head head, byte[] body, ApiFaultRequest request, InputStream in, OutputStream out)
            throws IOException {
        Head upstreamHead = head;
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            // the body was read whole; it goes on with its length
            upstreamHead = head.without("Transfer-Encoding").with("Content-Length", Integer.toString(body.length));
        }
        Head response = exchange(upstreamHead, body);
        while (response.status() / 100 == 1 && response.status() != 101) {
            out.write(response.bytes()); // an interim answer; the final one follows
            response = readResponseHead();
        }
        proxy.counters().answered(request, response.status());
        out.write(response.bytes());
        if (response.status() == 101) {
            out.flush();
            tunnel(in, out);
            return false;
        }
        boolean framed = ApiFaultHttp.relayResponseBody(upstreamIn, out, response, head.method().equals("HEAD"));
        boolean reusable = framed && !response.hasToken("Connection", "close");
        if (!reusable) {
            closeUpstream();
        }
        return reusable;
    }

    /**
     * Writes the request and reads the answer's head. An upstream connection kept from an earlier request may
     * have been closed by the API server meanwhile; it closes only idle connections, so a request that finds
     * its connection gone was never read, and is sent once more on a new one.
     */
    private Head exchange(Head head, byte[] body) throws IOException {
        boolean reused = rawUpstream != null;
        try {
            if (!reused) {
                openUpstream();
            }
            send(head, body);
            Head response = ApiFaultHttp.readHead(upstreamIn);
            if (response != null) {
                return response;
            }
            if (!reused) {
                throw new EOFException("the API server closed the connection without answering");
            }
        } catch (IOException e) {
            if (!reused || severed) {
                throw e;
            }
        }
        closeUpstream();
        openUpstream();
        send(head, body);
        return readResponseHead();
    }

    private void send(Head head, byte[] body) throws IOException {
        upstreamOut.write(head.bytes());
        upstreamOut.write(body);
        upstreamOut.flush();
    }

    private Head readResponseHead() throws IOException {
        Head response = ApiFaultHttp.readHead(upstreamIn);
        if (response == null) {
            throw new EOFException("the API server closed the connection without answering");
        }
        return response;
    }

    /** After a 101: bytes both ways until either side ends (exec, attach and port-forward streams). */
    private void tunnel(InputStream in, OutputStream out) throws IOException {
        InputStream fromServer = upstreamIn;
        OutputStream toServer = upstreamOut;
        Thread upward = new Thread(() -> {
            try {
                ApiFaultHttp.copyUntilEnd(in, toServer);
            } catch (IOException e) {
                // the other direction notices when the sockets close
            } finally {
                sever();
            }
        }, "api-fault-proxy-tunnel");
        upward.setDaemon(true);
        upward.start();
        ApiFaultHttp.copyUntilEnd(fromServer, out);
    }

    /**
     * A {@link ApiFaultKind#TIMEOUT}: no answer until the policy's hold ends or the client closes its side
     * (it timed out), whichever is first; the connection then closes unanswered.
     */
    private void hold(InputStream in) throws IOException {
        long deadline = System.nanoTime() + proxy.faults().hold().toNanos();
        client.setSoTimeout(HOLD_POLL_MS);
        while (!severed && System.nanoTime() < deadline) {
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // the client still waits
            }
        }
    }

    private void openUpstream() throws IOException {
        Socket raw = proxy.connectUpstream();
        rawUpstream = raw;
        if (severed) { // cut while connecting: nothing may outlive the cut
            closeQuietly(raw);
            throw new EOFException("connection severed");
        }
        SSLSocket tls = proxy.upstreamTls(raw);
        upstreamIn = new BufferedInputStream(tls.getInputStream());
        upstreamOut = new BufferedOutputStream(tls.getOutputStream());
    }

    private void closeUpstream() {
        Socket raw = rawUpstream;
        rawUpstream = null;
        closeQuietly(raw);
    }

    /** The request being served now, if any. */
    ApiFaultRequest current() {
        return current;
    }

    /** Cuts both connections now, from any thread: the client and the API server both see them end. */
    void sever() {
        severed = true;
        closeQuietly(rawClient);
        closeUpstream();
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
