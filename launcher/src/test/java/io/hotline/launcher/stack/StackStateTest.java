package io.hotline.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.launcher.UserError;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStateTest {

  @TempDir Path var;

  private static StackState localStack() {
    return new StackState(
        ClickHouseConfig.defaults().withUrl("http://127.0.0.1:28123"),
        KafkaConfig.defaults().withBootstrapServers("127.0.0.1:29092"),
        true,
        4242,
        29000,
        true,
        4343,
        29093);
  }

  @Test
  void savedStateLoadsBack() {
    localStack().save(var);

    assertThat(StackState.load(var)).isEqualTo(localStack());
  }

  @Test
  void theFileIsPlainConfigurationWithUrlsPortsAndPids() throws IOException {
    localStack().save(var);

    assertThat(Files.readAllLines(var.resolve("stack.properties")))
        .contains(
            "clickhouse.url=http://127.0.0.1:28123",
            "clickhouse.database=hotline",
            "kafka.bootstrap-servers=127.0.0.1:29092",
            "kafka.topic.cdr=cdr",
            "stack.clickhouse.http-port=28123",
            "stack.clickhouse.tcp-port=29000",
            "stack.clickhouse.pid=4242",
            "stack.kafka.port=29092",
            "stack.kafka.controller-port=29093",
            "stack.kafka.pid=4343");
  }

  @Test
  void externalServersHaveNoLocalPortsOrPids() throws IOException {
    StackState external =
        new StackState(
            ClickHouseConfig.defaults().withUrl("http://ch.example:8123"),
            KafkaConfig.defaults().withBootstrapServers("kafka-1:9092,kafka-2:9092"),
            false,
            0,
            0,
            false,
            0,
            0);
    external.save(var);

    assertThat(StackState.load(var)).isEqualTo(external);
    assertThat(Files.readAllLines(var.resolve("stack.properties")))
        .contains("stack.kafka.port=0", "stack.clickhouse.local=false");
  }

  @Test
  void loadingWithoutAStackSaysHowToStartOne() {
    assertThatThrownBy(() -> StackState.load(var))
        .isInstanceOf(UserError.class)
        .hasMessage(
            "no stack is running from "
                + var
                + " (no stack.properties): run `hotline stack up` first");
    assertThat(StackState.find(var)).isEmpty();
  }

  @Test
  void aDamagedFileIsAUserError() throws IOException {
    Files.writeString(var.resolve("stack.properties"), "clickhouse.url=ftp://x\n");

    assertThatThrownBy(() -> StackState.load(var))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(var.resolve("stack.properties") + " is damaged (clickhouse.url")
        .hasMessageEndingWith("): run `hotline stack up` again");
  }

  @Test
  void deleteRemovesTheFile() {
    localStack().save(var);

    assertThat(StackState.delete(var)).isTrue();
    assertThat(StackState.delete(var)).isFalse();
    assertThat(StackState.find(var)).isEmpty();
  }
}
