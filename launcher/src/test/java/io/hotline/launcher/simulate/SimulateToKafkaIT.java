package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.launcher.Hotline;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.kafka.KafkaConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline simulate --kafka} against a real in-process KRaft broker: every event of the file
 * output arrives on its topic, keyed by its id.
 */
class SimulateToKafkaIT {
  private static final String[] RUN = {
    "simulate",
    "--centers",
    "320900",
    "--from",
    "2025-05-14",
    "--to",
    "2025-05-14",
    "--seed",
    "3",
    "--faults",
    "duplicate=0.01"
  };

  private static KafkaClusterTestKit cluster;

  @TempDir Path tmp;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    KafkaConfig topics = KafkaConfig.defaults();
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      List<NewTopic> newTopics = new ArrayList<>();
      for (EventKind kind : EventKind.values()) {
        newTopics.add(new NewTopic(topics.topic(kind), 2, (short) 1));
      }
      admin.createTopics(newTopics).all().get();
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @Test
  void everyEventArrivesOnItsTopicKeyedByItsId() throws Exception {
    List<String> withKafka = new ArrayList<>(List.of(RUN));
    withKafka.addAll(List.of("--kafka", "--bootstrap", cluster.bootstrapServers()));
    assertThat(Hotline.run(withKafka.toArray(String[]::new))).isZero();
    List<String> toFiles = new ArrayList<>(List.of(RUN));
    toFiles.addAll(List.of("--out", tmp.toString()));
    assertThat(Hotline.run(toFiles.toArray(String[]::new))).isZero();

    for (EventKind kind : EventKind.values()) {
      List<String> expected =
          Files.readAllLines(FileEventSink.fileOf(tmp, kind), StandardCharsets.UTF_8);
      List<ConsumerRecord<String, String>> records =
          consumeAll(KafkaConfig.defaults().topic(kind), expected.size());
      assertThat(records.stream().map(ConsumerRecord::value).sorted().toList())
          .as(kind.code())
          .isEqualTo(expected.stream().sorted().toList());
      String idField = "\"" + (kind == EventKind.CDR ? "call_id" : kind.code() + "_id") + "\":\"";
      for (ConsumerRecord<String, String> r : records) {
        assertThat(r.value()).as(kind.code()).startsWith("{" + idField + r.key() + "\"");
      }
    }
  }

  /** Reads a topic from the beginning until {@code count} records have arrived (or 30 s pass). */
  private static List<ConsumerRecord<String, String>> consumeAll(String topic, int count) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }
}
