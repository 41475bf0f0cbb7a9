package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import dev.operator.discourse.relation.redis.Resp;

class RedisServerTest {

    @Test
    void requiresItsPasswordOverRawResp() throws IOException {
        try (RedisServer redis = RedisServer.startNew("s3cret");
                Socket socket = new Socket(redis.host(), redis.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            out.write("*1\r\n$4\r\nPING\r\n".getBytes());
            assertThat(line(in)).startsWith("-NOAUTH");
            out.write("*2\r\n$4\r\nAUTH\r\n$5\r\nwrong\r\n".getBytes());
            assertThat(line(in)).startsWith("-WRONGPASS");
            out.write("*2\r\n$4\r\nAUTH\r\n$6\r\ns3cret\r\n".getBytes());
            assertThat(line(in)).isEqualTo("+OK");
            out.write("*1\r\n$4\r\nPING\r\n".getBytes());
            assertThat(line(in)).isEqualTo("+PONG");
        }
    }

    /** The reply as it stood on the wire, type byte first. */
    private static String line(InputStream in) throws IOException {
        Resp.Reply reply = Resp.read(in);
        return reply.type() + reply.value();
    }

    @Test
    void stopsAndStartsOnTheSamePortKeepingNothing() throws IOException {
        try (RedisServer redis = RedisServer.startNew()) {
            assertThat(redis.command("SET", "k", "v")).isEqualTo("OK");
            assertThat(redis.command("GET", "k")).isEqualTo("v");
            assertThat(redis.command("INFO", "persistence")).contains("aof_enabled:0");
            int port = redis.port();

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(IOException.class);

            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.command("GET", "k")).isNull();
        }
    }
}
