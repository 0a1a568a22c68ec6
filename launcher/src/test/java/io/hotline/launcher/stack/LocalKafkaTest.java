package io.hotline.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

  @TempDir Path dir;

  @Test
  void configuresOneNodeThatIsBrokerAndControllerOnLoopback() throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(new LocalKafka(dir, 29092, 29093).serverProperties()));

    assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
    assertThat(p.getProperty("node.id")).isEqualTo("1");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:29093");
    assertThat(p.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:29092");
    assertThat(p.getProperty("log.dirs")).isEqualTo(dir.resolve("data").toString());
    // A single broker cannot hold three replicas of the internal topics.
    assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
  }

  @Test
  void existingReadsThePortsBack() throws IOException {
    LocalKafka written = new LocalKafka(dir, 29092, 29093);
    Files.writeString(dir.resolve("server.properties"), written.serverProperties());

    LocalKafka existing = LocalKafka.existing(dir).orElseThrow();

    assertThat(existing.port()).isEqualTo(29092);
    assertThat(existing.controllerPort()).isEqualTo(29093);
    assertThat(existing.bootstrapServers()).isEqualTo("127.0.0.1:29092");
    assertThat(existing.isRunning()).isFalse();
  }

  @Test
  void nothingExistsInAnEmptyDirectory() {
    assertThat(LocalKafka.existing(dir)).isEmpty();
    assertThat(new LocalKafka(dir, 29092, 29093).stop()).isFalse();
  }

  @Test
  void refusesTheSamePortTwice() {
    assertThatThrownBy(() -> new LocalKafka(dir, 29092, 29092))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Kafka port and the Kafka controller port must differ, both are 29092");
  }

  @Test
  void aStalePidFileOfAnotherProcessIsNotTheBroker() throws IOException {
    Files.writeString(dir.resolve("kafka.pid"), ProcessHandle.current().pid() + "\n");

    assertThat(new LocalKafka(dir, 29092, 29093).isRunning()).isFalse();
  }
}
