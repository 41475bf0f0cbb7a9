package dev.operator.discourse.relation.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The part of Redis' wire protocol (RESP2) a health check needs: send a command, read one reply. */
public final class Resp {

    private static final int MAX_LINE = 1 << 20;

    /** One reply: its type byte and its text; a nil bulk string has a null value. Arrays are not read. */
    public record Reply(char type, String value) {

        public boolean isError() {
            return type == '-';
        }

        /** The reply as a person reads it, e.g. in a condition message. */
        public String text() {
            return value == null ? "(nil)" : value;
        }
    }

    private Resp() {
    }

    /** Writes a command as a RESP array of bulk strings. */
    public static void send(OutputStream out, String... args) throws IOException {
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
    }

    public static Reply read(InputStream in) throws IOException {
        String line = line(in);
        if (line.isEmpty()) {
            throw new IOException("empty reply line");
        }
        char type = line.charAt(0);
        String rest = line.substring(1);
        if (type != '$') {
            return new Reply(type, rest);
        }
        int length = Integer.parseInt(rest);
        if (length < 0) {
            return new Reply(type, null);
        }
        byte[] data = in.readNBytes(length + 2);
        if (data.length < length + 2) {
            throw new IOException("connection closed in a reply");
        }
        return new Reply(type, new String(data, 0, length, StandardCharsets.UTF_8));
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
            if (line.size() > MAX_LINE) {
                throw new IOException("reply line too long");
            }
        }
    }
}
