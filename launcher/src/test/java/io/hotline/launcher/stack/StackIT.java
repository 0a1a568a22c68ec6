package io.hotline.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.launcher.Hotline;
import io.hotline.launcher.bench.BenchLeftovers;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.LocalClickHouse;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StackIT {

  @TempDir Path var;

  @AfterEach
  void leaveNothingRunning() {
    hotline("stack", "down", "--var", var.toString());
  }

  /** What a bench run killed outright left behind goes; what a live run has stays. */
  private static void leftoversOfDeadBenchRunsAreDeleted(StackState state) throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    String dead = "bench1_" + exited.pid();
    String deadWithoutDatabase = "bench3_" + exited.pid(); // killed before its database was made
    String live = "bench2_" + ProcessHandle.current().pid();
    ClickHouseHttp http = new ClickHouseHttp(state.clickHouse());
    for (String run : List.of(dead, deadWithoutDatabase, live)) {
      KafkaTopics.ensure(state.kafka().withTopicSuffix(run));
    }
    http.execute("CREATE DATABASE " + dead);
    http.execute("CREATE DATABASE " + live);

    assertThat(BenchLeftovers.deleteDeadRuns(state)).containsExactly(dead, deadWithoutDatabase);

    assertThat(KafkaTopics.list(state.kafka().bootstrapServers()))
        .doesNotContainAnyElementsOf(state.kafka().withTopicSuffix(dead).topics())
        .doesNotContainAnyElementsOf(state.kafka().withTopicSuffix(deadWithoutDatabase).topics())
        .containsAll(state.kafka().withTopicSuffix(live).topics())
        .containsAll(KafkaConfig.defaults().topics());
    assertThat(http.query("SELECT name FROM system.databases"))
        .extracting(row -> row.get(0))
        .doesNotContain(dead)
        .contains(live, state.clickHouse().database());
    KafkaTopics.delete(state.kafka().withTopicSuffix(live));
    http.execute("DROP DATABASE " + live);
  }

  @Test
  void upStatusDown() throws Exception {
    int chHttp = freePort();
    int kafkaPort = freePort();
    String[] up = {
      "stack",
      "up",
      "--var",
      var.toString(),
      "--clickhouse-http-port",
      Integer.toString(chHttp),
      "--clickhouse-tcp-port",
      Integer.toString(freePort()),
      "--kafka-port",
      Integer.toString(kafkaPort),
      "--kafka-controller-port",
      Integer.toString(freePort())
    };

    Result first = hotline(up);

    assertThat(first.exitCode).as(first.text()).isZero();
    assertThat(first.out)
        .contains("ClickHouse  started")
        .contains("http://127.0.0.1:" + chHttp)
        .contains("applied V001__calls.sql")
        .contains("Kafka       started")
        .contains("127.0.0.1:" + kafkaPort)
        .contains("created cdr, recording, sms, dead-letters");
    StackState state = StackState.load(var);
    assertThat(state.clickHouse().url()).isEqualTo("http://127.0.0.1:" + chHttp);
    assertThat(state.kafka().bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
    assertThat(tables(state.clickHouse()))
        .contains("calls", "recordings", "sms", "dead_letters", "metrics_minute");
    assertThat(KafkaTopics.list(state.kafka().bootstrapServers()))
        .containsAll(KafkaConfig.defaults().topics());
    assertThat(roundTrip(state.kafka(), "{\"call_id\":\"c-1\"}"))
        .isEqualTo("{\"call_id\":\"c-1\"}");

    // Topics of their own, as a bench run makes and deletes them; the stack's stay.
    KafkaConfig run = state.kafka().withTopicSuffix("bench1");
    KafkaTopics.ensure(run);
    assertThat(KafkaTopics.list(state.kafka().bootstrapServers())).containsAll(run.topics());
    KafkaTopics.delete(run);
    KafkaTopics.delete(run);
    assertThat(KafkaTopics.list(state.kafka().bootstrapServers()))
        .doesNotContainAnyElementsOf(run.topics())
        .containsAll(KafkaConfig.defaults().topics());
    leftoversOfDeadBenchRunsAreDeleted(state);

    Result second = hotline(up);

    assertThat(second.exitCode).as(second.text()).isZero();
    assertThat(second.out)
        .contains("ClickHouse  already running")
        .contains("database hotline up to date")
        .contains("Kafka       already running")
        .contains("present cdr, recording, sms, dead-letters");
    assertThat(StackState.load(var)).isEqualTo(state);

    Result status = hotline("stack", "status", "--var", var.toString());

    assertThat(status.exitCode).as(status.text()).isZero();
    assertThat(status.out)
        .contains(
            "ClickHouse  up    http://127.0.0.1:"
                + chHttp
                + "  (local, pid "
                + state.clickHousePid())
        .contains("Kafka       up    127.0.0.1:" + kafkaPort + "  (local, pid " + state.kafkaPid())
        .contains("topics cdr, recording, sms, dead-letters");

    Result down = hotline("stack", "down", "--var", var.toString());

    assertThat(down.exitCode).as(down.text()).isZero();
    assertThat(down.out)
        .contains("ClickHouse  stopped (pid " + state.clickHousePid() + ")")
        .contains("Kafka       stopped (pid " + state.kafkaPid() + ")");
    assertThat(LocalClickHouse.ping(state.clickHouse().url())).isFalse();
    assertThat(KafkaTopics.portOpen(state.kafka().bootstrapServers(), Duration.ofSeconds(1)))
        .isFalse();
    assertThat(ProcessHandle.of(state.clickHousePid()).map(ProcessHandle::isAlive).orElse(false))
        .isFalse();
    assertThat(ProcessHandle.of(state.kafkaPid()).map(ProcessHandle::isAlive).orElse(false))
        .isFalse();

    Result statusAfter = hotline("stack", "status", "--var", var.toString());

    assertThat(statusAfter.exitCode).isEqualTo(1);
    assertThat(statusAfter.out).contains("ClickHouse  down").contains("Kafka       down");
  }

  @Test
  void externalServersThatDoNotAnswerAreAUserError() {
    Result r =
        hotline(
            "stack",
            "up",
            "--var",
            var.toString(),
            "--clickhouse-url",
            "http://127.0.0.1:" + freePort());

    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.err).startsWith("hotline: ClickHouse does not answer at http://127.0.0.1:");
  }

  private static String roundTrip(KafkaConfig kafka, String value) throws Exception {
    Map<String, Object> common =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(kafka.cdrTopic(), 0, "c-1", value)).get();
    }
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(kafka.cdrTopic(), 0)));
      Instant deadline = Instant.now().plusSeconds(20);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          return r.value();
        }
      }
    }
    return null;
  }

  private static List<String> tables(ClickHouseConfig config) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = config.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW TABLES")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private record Result(int exitCode, String out, String err) {
    String text() {
      return out + err;
    }
  }

  /** Runs the real `hotline` command line in-process, capturing what it prints. */
  private static Result hotline(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Hotline());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // Same contract as the launcher's handler: a UserError is one line and exit code 2.
          if (ex instanceof io.hotline.launcher.UserError) {
            commandLine.getErr().println("hotline: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
