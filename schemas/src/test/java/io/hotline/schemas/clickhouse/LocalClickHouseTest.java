package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClickHouseTest {

  /** The parts of Debian's config.xml the rewrite cares about, plus a newer version's extras. */
  private static final String PACKAGE_CONFIG =
      """
      <?xml version="1.0"?>
      <yandex>
          <logger>
              <level>warning</level>
              <log>/var/log/clickhouse-server/clickhouse-server.log</log>
              <errorlog>/var/log/clickhouse-server/clickhouse-server.err.log</errorlog>
          </logger>
          <http_port>8123</http_port>
          <tcp_port>9000</tcp_port>
          <mysql_port>9004</mysql_port>
          <postgresql_port>9005</postgresql_port>
          <interserver_http_port>9009</interserver_http_port>
          <!-- <listen_host>::</listen_host> -->
          <listen_host>::1</listen_host>
          <path>/var/lib/clickhouse/</path>
          <tmp_path>/var/lib/clickhouse/tmp/</tmp_path>
          <user_files_path>/var/lib/clickhouse/user_files/</user_files_path>
          <user_directories><local_directory><path>/var/lib/clickhouse/access/</path></local_directory></user_directories>
          <users_config>users.xml</users_config>
          <format_schema_path>/var/lib/clickhouse/format_schemas/</format_schema_path>
      </yandex>
      """;

  @TempDir Path dir;

  @Test
  void rewriteMovesEveryPathUnderTheDirectory() {
    String xml = LocalClickHouse.rewriteConfig(PACKAGE_CONFIG, dir, 18123, 19000, 0);

    assertThat(xml)
        .contains("<log>" + dir + "/log/clickhouse-server.log</log>")
        .contains("<errorlog>" + dir + "/log/clickhouse-server.err.log</errorlog>")
        .contains("<path>" + dir + "/data/</path>")
        .contains("<tmp_path>" + dir + "/data/tmp/</tmp_path>")
        .contains("<user_files_path>" + dir + "/data/user_files/</user_files_path>")
        .contains("<format_schema_path>" + dir + "/data/format_schemas/</format_schema_path>")
        .contains("<path>" + dir + "/data/access/</path>")
        .contains("<users_config>users.xml</users_config>")
        .doesNotContain("/var/lib/clickhouse")
        .doesNotContain("/var/log/clickhouse-server");
  }

  @Test
  void rewriteListensOnLoopbackOnTheGivenPortsOnly() {
    String xml = LocalClickHouse.rewriteConfig(PACKAGE_CONFIG, dir, 18123, 19000, 0);

    assertThat(xml)
        .contains("<http_port>18123</http_port>")
        .contains("<tcp_port>19000</tcp_port>")
        .contains("<listen_host>127.0.0.1</listen_host>")
        .doesNotContain("<listen_host>::1</listen_host>")
        .doesNotContain("mysql_port")
        .doesNotContain("postgresql_port")
        .doesNotContain("interserver_http_port");
  }

  @Test
  void rewriteSetsTheInterserverPortWhenOneIsGiven() {
    String xml = LocalClickHouse.rewriteConfig(PACKAGE_CONFIG, dir, 18123, 19000, 19009);

    assertThat(xml).contains("<interserver_http_port>19009</interserver_http_port>");
  }

  @Test
  void existingReadsThePortsBackFromTheWrittenConfig() throws IOException {
    Files.writeString(
        dir.resolve("config.xml"),
        LocalClickHouse.rewriteConfig(PACKAGE_CONFIG, dir, 28123, 29000, 0));

    LocalClickHouse existing = LocalClickHouse.existing(dir).orElseThrow();

    assertThat(existing.httpPort()).isEqualTo(28123);
    assertThat(existing.tcpPort()).isEqualTo(29000);
    assertThat(existing.interserverPort()).isZero();
    assertThat(existing.url()).isEqualTo("http://127.0.0.1:28123");
  }

  @Test
  void noExistingServerInAnEmptyDirectory() {
    assertThat(LocalClickHouse.existing(dir)).isEmpty();
    assertThat(new LocalClickHouse(dir, 28123, 29000).isRunning()).isFalse();
  }

  @Test
  void findsTheBinaryOnThePathBeforeTheFallbackDirectories() throws IOException {
    Path onPath = executable(dir.resolve("path"));
    Path fallback = executable(dir.resolve("sbin"));

    assertThat(
            LocalClickHouse.findBinary(
                onPath.getParent().toString(), List.of(fallback.getParent())))
        .contains(onPath);
    assertThat(LocalClickHouse.findBinary("", List.of(fallback.getParent()))).contains(fallback);
  }

  @Test
  void aMissingBinaryTellsHowToInstallIt() {
    assertThatThrownBy(() -> LocalClickHouse.requireBinary(dir.toString(), List.of(dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "clickhouse-server is not installed: run `apt-get install -y clickhouse-server` (as root)");
  }

  @Test
  void refusesPortsOutOfRange() {
    assertThatThrownBy(() -> new LocalClickHouse(dir, 0, 19000))
        .hasMessage("ClickHouse HTTP port must be between 1 and 65535, got 0");
  }

  @Test
  void aStalePidFileOfAnotherProcessIsNotTheServer() throws IOException {
    // This JVM's own pid stands in for a pid reused by an unrelated process.
    Files.writeString(dir.resolve("clickhouse-server.pid"), ProcessHandle.current().pid() + "\n");

    LocalClickHouse ch = new LocalClickHouse(dir, 28123, 29000);

    assertThat(ch.isRunning()).isFalse();
    assertThat(ch.stop()).isFalse();
    assertThat(dir.resolve("clickhouse-server.pid")).doesNotExist();
  }

  private static Path executable(Path binDir) throws IOException {
    Files.createDirectories(binDir);
    Path binary = binDir.resolve("clickhouse-server");
    Files.writeString(binary, "#!/bin/sh\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    return binary;
  }
}
