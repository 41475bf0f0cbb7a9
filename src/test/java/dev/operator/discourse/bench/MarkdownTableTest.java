package dev.operator.discourse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void columnsArePaddedToTheWidestCell() {
        String table = new MarkdownTable("N", "seconds").row(10, "1.2").row(500, "31.25").render();
        assertThat(table).isEqualTo("""
                | N   | seconds |
                | --- | ------- |
                | 10  | 1.2     |
                | 500 | 31.25   |
                """);
    }

    @Test
    void aPipeInACellIsEscapedSoItStaysOneColumn() {
        assertThat(new MarkdownTable("a").row("x|y").render()).contains("| x\\|y |");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new MarkdownTable("a", "b").row(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
