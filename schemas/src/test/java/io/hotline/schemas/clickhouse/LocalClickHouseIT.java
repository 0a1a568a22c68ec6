package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClickHouseIT {

  @TempDir Path dir;

  private LocalClickHouse server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void startsAnswersAndStops() throws Exception {
    server = new LocalClickHouse(dir.resolve("clickhouse"), freePort(), freePort());

    server.start();

    assertThat(server.isRunning()).isTrue();
    assertThat(server.ping()).isTrue();
    assertThat(selectOne(server.config())).isEqualTo(1);
    assertThat(server.dir().resolve("data")).isDirectory();
    assertThat(server.errorLog().getParent()).isDirectory();
    assertThat(Files.readString(server.dir().resolve("config.xml")))
        .contains("<listen_host>127.0.0.1</listen_host>");
    long pid = server.pid().orElseThrow();

    assertThat(server.stop()).isTrue();

    assertThat(server.isRunning()).isFalse();
    assertThat(server.ping()).isFalse();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(server.stop()).isFalse();
  }

  @Test
  void startingARunningServerAgainIsHarmless() {
    server = new LocalClickHouse(dir.resolve("clickhouse"), freePort(), freePort());
    server.start();
    long pid = server.pid().orElseThrow();

    LocalClickHouse sameDirectory = LocalClickHouse.existing(server.dir()).orElseThrow();
    sameDirectory.start();

    assertThat(sameDirectory.pid()).hasValue(pid);
    assertThat(sameDirectory.url()).isEqualTo(server.url());
  }

  @Test
  void refusesToStartTheRunningServerOnOtherPorts() {
    server = new LocalClickHouse(dir.resolve("clickhouse"), freePort(), freePort());
    server.start();
    int otherPort = freePort();

    assertThatThrownBy(() -> new LocalClickHouse(server.dir(), otherPort, freePort()).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "clickhouse-server already runs from "
                + server.dir()
                + " on "
                + server.url()
                + ": stop it before starting it on port "
                + otherPort);
  }

  @Test
  void saysWhichPortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      server = new LocalClickHouse(dir.resolve("clickhouse"), taken.getLocalPort(), freePort());

      assertThatThrownBy(server::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "ClickHouse HTTP port "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is already in use by another process: choose another port");
      assertThat(server.isRunning()).isFalse();
    }
  }

  private static long selectOne(ClickHouseConfig config) throws SQLException {
    try (Connection c = config.connectWithoutDatabase();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
