package dev.operator.discourse.relation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RespTest {

    private static InputStream wire(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandsAreArraysOfBulkStringsCountedInBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Resp.send(out, "AUTH", "pässword");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("*2\r\n$4\r\nAUTH\r\n$9\r\npässword\r\n");
    }

    @Test
    void readsEachReplyType() throws IOException {
        InputStream in = wire("+PONG\r\n-NOAUTH Authentication required.\r\n:42\r\n$5\r\na\r\nbc\r\n$-1\r\n");
        assertThat(Resp.read(in)).isEqualTo(new Resp.Reply('+', "PONG"));
        Resp.Reply error = Resp.read(in);
        assertThat(error.isError()).isTrue();
        assertThat(error.text()).isEqualTo("NOAUTH Authentication required.");
        assertThat(Resp.read(in)).isEqualTo(new Resp.Reply(':', "42"));
        assertThat(Resp.read(in).value()).isEqualTo("a\r\nbc");
        Resp.Reply nil = Resp.read(in);
        assertThat(nil.value()).isNull();
        assertThat(nil.text()).isEqualTo("(nil)");
    }

    @Test
    void aClosedConnectionIsAnIoErrorNotAHang() {
        assertThatThrownBy(() -> Resp.read(wire("+PON"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Resp.read(wire("$10\r\nshort\r\n"))).isInstanceOf(IOException.class);
    }
}
