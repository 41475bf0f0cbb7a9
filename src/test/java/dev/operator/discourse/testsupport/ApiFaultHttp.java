package dev.operator.discourse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP/1.1 the proxy needs, on plain streams: message heads read and written as they came, request bodies
 * read whole (they are small: Kubernetes objects), response bodies relayed as they arrive. A chunked response is
 * relayed chunk by chunk and flushed after each, so a watch event reaches the client when the server sends it.
 */
final class ApiFaultHttp {

    /** A head larger than this is not an API client's; refusing it beats buffering without end. */
    private static final int MAX_HEAD_BYTES = 256 * 1024;
    private static final byte[] CRLF = { '\r', '\n' };

    private ApiFaultHttp() {
    }

    /** A request or status line and its header fields, in their order and spelling. */
    record Head(String startLine, List<String[]> headers) {

        String method() {
            return startLine.substring(0, startLine.indexOf(' '));
        }

        String target() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? parts[1] : "/";
        }

        /** The status code of a response head. */
        int status() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        /** Whether a comma-separated header ({@code Connection}, {@code Transfer-Encoding}) holds the token. */
        boolean hasToken(String name, String token) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    for (String value : h[1].split(",")) {
                        if (value.trim().equalsIgnoreCase(token)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        Head without(String name) {
            List<String[]> kept = new ArrayList<>();
            for (String[] h : headers) {
                if (!h[0].equalsIgnoreCase(name)) {
                    kept.add(h);
                }
            }
            return new Head(startLine, kept);
        }

        Head with(String name, String value) {
            List<String[]> more = new ArrayList<>(without(name).headers);
            more.add(new String[] { name, value });
            return new Head(startLine, more);
        }

        byte[] bytes() {
            StringBuilder text = new StringBuilder(startLine).append("\r\n");
            for (String[] h : headers) {
                text.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** The next head on the stream; null when the peer closed it cleanly before sending one. */
    static Head readHead(InputStream in) throws IOException {
        String startLine = readLine(in);
        while (startLine != null && startLine.isEmpty()) { // RFC 9112: ignore empty lines before a request
            startLine = readLine(in);
        }
        if (startLine == null) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        int size = startLine.length();
        for (String line = readLine(in); ; line = readLine(in)) {
            if (line == null) {
                throw new EOFException("connection closed inside a message head");
            }
            if (line.isEmpty()) {
                return new Head(startLine, headers);
            }
            size += line.length();
            if (size > MAX_HEAD_BYTES) {
                throw new IOException("message head over " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header field: " + line);
            }
            headers.add(new String[] { line.substring(0, colon).trim(), line.substring(colon + 1).trim() });
        }
    }

    /** A request's whole body: by Content-Length, or de-chunked; empty when it has none. */
    static byte[] readRequestBody(InputStream in, Head head) throws IOException {
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (long size = chunkSize(readLineOrFail(in)); size > 0; size = chunkSize(readLineOrFail(in))) {
                copyExactly(in, body, size);
                readLineOrFail(in); // the CRLF after the chunk's data
            }
            skipTrailers(in);
            return body.toByteArray();
        }
        String length = head.header("Content-Length");
        if (length == null) {
            return new byte[0];
        }
        return in.readNBytes(Math.toIntExact(Long.parseLong(length.trim())));
    }

    /**
     * Relays a response body as it arrives. Returns whether the body was framed (chunked or a length), so the
     * connection can carry another request; false when it ended with the connection.
     */
    static boolean relayResponseBody(InputStream from, OutputStream to, Head response, boolean headRequest)
            throws IOException {
        int status = response.status();
        if (headRequest || status / 100 == 1 || status == 204 || status == 304) {
            to.flush();
            return true;
        }
        if (response.hasToken("Transfer-Encoding", "chunked")) {
            relayChunked(from, to);
            return true;
        }
        String length = response.header("Content-Length");
        if (length != null) {
            copyExactly(from, to, Long.parseLong(length.trim()));
            to.flush();
            return true;
        }
        copyUntilEnd(from, to);
        return false;
    }

    /** Copies until the stream ends, flushing whatever arrives: a tunnel or an unframed body. */
    static void copyUntilEnd(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
            to.write(buffer, 0, n);
            if (from.available() == 0) {
                to.flush();
            }
        }
        to.flush();
    }

    private static void relayChunked(InputStream from, OutputStream to) throws IOException {
        while (true) {
            String sizeLine = readLineOrFail(from);
            long size = chunkSize(sizeLine);
            to.write(sizeLine.getBytes(StandardCharsets.ISO_8859_1));
            to.write(CRLF);
            if (size == 0) {
                // trailers, then the empty line that ends the body
                for (String line = readLineOrFail(from); ; line = readLineOrFail(from)) {
                    to.write(line.getBytes(StandardCharsets.ISO_8859_1));
                    to.write(CRLF);
                    if (line.isEmpty()) {
                        to.flush();
                        return;
                    }
                }
            }
            copyExactly(from, to, size);
            readLineOrFail(from);
            to.write(CRLF);
            to.flush(); // one watch event per chunk: the client must get it now, not when a buffer fills
        }
    }

    private static long chunkSize(String line) throws IOException {
        int end = line.indexOf(';');
        try {
            return Long.parseLong((end < 0 ? line : line.substring(0, end)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + line);
        }
    }

    private static void skipTrailers(InputStream in) throws IOException {
        while (!readLineOrFail(in).isEmpty()) {
            // trailer fields of a request are never needed
        }
    }

    private static void copyExactly(InputStream from, OutputStream to, long count) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = count;
        while (left > 0) {
            int n = from.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("connection closed " + left + " bytes before the end of a body");
            }
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String readLineOrFail(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            throw new EOFException("connection closed inside a chunked body");
        }
        return line;
    }

    /** One line without its CRLF (a bare LF also ends it); null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("line over " + MAX_HEAD_BYTES + " bytes");
            }
        }
    }
}
