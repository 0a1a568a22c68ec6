package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.launcher.Hotline;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hotline simulate} into Kafka against a real in-process KRaft broker: every event of the
 * file output arrives on its topic, keyed by its id.
 */
@ExtendWith(KafkaExtension.class)
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

  @TempDir Path tmp;

  @Test
  void everyEventArrivesOnItsTopicKeyedByItsId(KafkaConfig kafka) throws Exception {
    simulateInto(kafka);
    assertThat(Hotline.run(args("--out", tmp.toString()))).isZero();

    for (EventKind kind : EventKind.values()) {
      List<String> expected =
          Files.readAllLines(FileEventSink.fileOf(tmp, kind), StandardCharsets.UTF_8);
      List<ConsumerRecord<String, String>> records =
          consumeAll(kafka.bootstrapServers(), kafka.topic(kind), expected.size());
      assertThat(records.stream().map(ConsumerRecord::value).sorted().toList())
          .as(kind.code())
          .isEqualTo(expected.stream().sorted().toList());
      String idField = "\"" + (kind == EventKind.CDR ? "call_id" : kind.code() + "_id") + "\":\"";
      for (ConsumerRecord<String, String> r : records) {
        assertThat(r.value()).as(kind.code()).startsWith("{" + idField + r.key() + "\"");
      }
    }
  }

  /**
   * What {@code hotline simulate RUN --kafka} does, but into this test's own topics: the command
   * only produces to the default topic names, so its arguments are parsed as {@code hotline} parses
   * them and the simulator then runs through its Java API with a sink on {@code kafka}.
   */
  private static void simulateInto(KafkaConfig kafka) throws IOException {
    SimulateCommand command =
        (SimulateCommand)
            new CommandLine(new Hotline())
                .parseArgs(args("--kafka"))
                .subcommand()
                .commandSpec()
                .userObject();
    try (EventSink sink = new KafkaEventSink(kafka)) {
      new Simulator(command.simulationSpec(), command.threads).run(sink);
    }
  }

  /** The arguments of {@link #RUN} followed by {@code more}, as for {@link Hotline#run}. */
  private static String[] args(String... more) {
    List<String> args = new ArrayList<>(List.of(RUN));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Reads a topic from the beginning until {@code count} records have arrived (or 30 s pass). */
  private static List<ConsumerRecord<String, String>> consumeAll(
      String bootstrapServers, String topic, int count) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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
