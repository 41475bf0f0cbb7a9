package dev.operator.discourse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void appRoleOwnsItsDatabaseAndDataSurvivesARestartOnTheSamePort() throws SQLException {
        try (PostgresServer pg = PostgresServer.startNew()) {
            pg.createAppDatabase("discourse", "discourse_app", "app 'pw\"");

            try (Connection c = pg.connect("discourse", "discourse_app", "app 'pw\"");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('kept')");
                assertThat(single(s, "SELECT current_user")).isEqualTo("discourse_app");
                assertThat(single(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                        .isEqualTo("false");
                assertThat(single(s, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'discourse'"))
                        .isEqualTo("discourse_app");
                assertThat(single(s, "SELECT setting FROM pg_settings WHERE name = 'password_encryption'"))
                        .isEqualTo("scram-sha-256");
            }
            assertThatThrownBy(() -> pg.connect("discourse", "discourse_app", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");

            int port = pg.port();
            pg.stop();
            assertThat(pg.isRunning()).isFalse();
            assertThatThrownBy(() -> pg.connect("discourse", "discourse_app", "app 'pw\"").close())
                    .isInstanceOf(SQLException.class);

            pg.start();
            assertThat(pg.port()).isEqualTo(port);
            try (Connection c = pg.connect("discourse", "discourse_app", "app 'pw\"");
                    Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT v FROM t")).isEqualTo("kept");
            }
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
