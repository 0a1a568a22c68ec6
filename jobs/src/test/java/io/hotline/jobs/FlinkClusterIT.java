package io.hotline.jobs;

import static io.hotline.schemas.testing.EventJson.abandonedCall;
import static io.hotline.schemas.testing.EventJson.answeredCall;
import static io.hotline.schemas.testing.EventJson.ivrOnlyCall;
import static io.hotline.schemas.testing.EventJson.recording;
import static io.hotline.schemas.testing.EventJson.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.jobs.testing.StandaloneFlinkCluster;
import io.hotline.jobs.testing.StandaloneFlinkCluster.FlinkRun;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shaded jar ({@code hotline-jobs-*-flink.jar}) submitted with {@code flink run} to a real
 * standalone Flink session cluster, whose classpath is Flink's alone: proves the jar carries every
 * class the job needs and none that clashes with Flink's, with events from a real Kafka broker
 * ending up in a real ClickHouse. Cluster logs stay in {@code target/flink-cluster-it/}.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class FlinkClusterIT {
  private static final int CALLS = 60;
  private static final String SECRET = "flink-cluster-it-secret";

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shadedJarRunsOnStandaloneCluster_withFlinkRun(KafkaConfig kafka, ClickHouseConfig clickHouse)
      throws Exception {
    Path jar = shadedJar().orElse(null);
    assumeTrue(
        jar != null,
        "no hotline-jobs-*-flink.jar in jobs/target: run `mvn verify` (or `mvn package`) first;"
            + " the integration-test phase comes after package, so `mvn verify` always has it");
    produceEvents(kafka);
    Path dir = freshDirectory(jar.getParent().resolve("flink-cluster-it"));

    FlinkRun run;
    try (StandaloneFlinkCluster flink = StandaloneFlinkCluster.start(dir)) {
      run = flink.run(jar, programArgs(kafka, clickHouse, dir), Duration.ofMinutes(2));
      assertThat(run.exitCode())
          .as(
              "flink run exit code; its output:%n%s%nthe cluster's logs:%n%s",
              run.output(), flink.logs())
          .isZero();
    }

    assertThat(run.output()).contains("has finished");
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);
    assertThat(single(ch, "SELECT count() FROM calls FINAL")).isEqualTo(String.valueOf(CALLS));
    assertThat(single(ch, "SELECT sum(answered), sum(abandoned), sum(ivr_only) FROM calls FINAL"))
        .isEqualTo("20\t20\t20");
    assertThat(single(ch, "SELECT countIf(caller_hash = '13800000000') FROM calls")).isEqualTo("0");
    assertThat(single(ch, "SELECT count() FROM recordings FINAL")).isEqualTo("1");
    assertThat(single(ch, "SELECT count() FROM sms FINAL")).isEqualTo("2");
    assertThat(single(ch, "SELECT count() FROM dead_letters FINAL")).isEqualTo("2");
    assertThat(single(ch, "SELECT reason FROM dead_letters WHERE raw LIKE '%c-bad-1%'"))
        .isEqualTo("line = \"12345\": must be one of 12333, 12370, 12385");
  }

  /**
   * Calls of every kind, some delivered twice, two bad records, a recording twice, two SMS; each
   * batch compressed with another of Kafka's codecs, as producers upstream may choose any of them
   * and the consumer in the job must decode it with what the shaded jar and the cluster hold.
   */
  private static void produceEvents(KafkaConfig kafka) {
    List<String> cdrs = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      String minute = String.format("2025-03-14T09:%02d:", i % 60);
      var call =
          switch (i % 3) {
            case 0 -> answeredCall();
            case 1 -> abandonedCall();
            default -> ivrOnlyCall();
          };
      cdrs.add(
          call.with("call_id", "c-" + i)
              .with("arrived_at", minute + "00.000+08:00")
              .with("queued_at", i % 3 == 2 ? null : minute + "10.000+08:00")
              .with("answered_at", i % 3 == 0 ? minute + "20.000+08:00" : null)
              .with("ended_at", minute + "40.000+08:00")
              .json());
    }
    produce(kafka, kafka.cdrTopic(), cdrs, "zstd");
    produce(kafka, kafka.cdrTopic(), cdrs.subList(0, 5), "lz4");
    produce(
        kafka,
        kafka.cdrTopic(),
        List.of(
            "{\"call_id\": \"broken",
            answeredCall().with("call_id", "c-bad-1").with("line", "12345").json()),
        "snappy");
    produce(kafka, kafka.recordingTopic(), List.of(recording().json(), recording().json()), "gzip");
    produce(
        kafka, kafka.smsTopic(), List.of(sms().json(), sms().with("sms_id", "s-2").json()), "none");
  }

  private static void produce(
      KafkaConfig kafka, String topic, List<String> values, String compression) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    // As in IngestJobIT.produce: the idempotent producer's sequence checks misfire on the shared
    // test broker (OUT_OF_ORDER_SEQUENCE_NUMBER), and one record arrived after the job started.
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (String v : values) {
        producer.send(new ProducerRecord<>(topic, v));
      }
      producer.flush();
    }
  }

  /**
   * The job's options as {@code --key value} pairs, as an operator passes them to {@code flink
   * run}: stop once caught up, fail at the first error rather than retry for minutes, checkpoint
   * into the cluster directory.
   */
  private static List<String> programArgs(KafkaConfig kafka, ClickHouseConfig clickHouse, Path dir)
      throws IOException {
    Properties p = new Properties();
    p.putAll(kafka.toProperties());
    p.putAll(clickHouse.toProperties());
    p.setProperty(IngestOptions.Option.CALLER_SECRET.key(), SECRET);
    p.setProperty(IngestOptions.Option.UNTIL_CAUGHT_UP.key(), "true");
    p.setProperty(IngestOptions.Option.RESTART_ATTEMPTS.key(), "0");
    p.setProperty(IngestOptions.Option.SINK_GIVE_UP_AFTER_MS.key(), "30000");
    p.setProperty(
        IngestOptions.Option.CHECKPOINT_DIR.key(),
        Files.createDirectories(dir.resolve("checkpoints")).toUri().toString());
    List<String> args = new ArrayList<>();
    for (Map.Entry<Object, Object> e : p.entrySet()) {
      args.add("--" + e.getKey());
      args.add(String.valueOf(e.getValue()));
    }
    return args;
  }

  /** The shaded jar next to this module's test classes, if {@code package} has built it. */
  private static Optional<Path> shadedJar() throws IOException, URISyntaxException {
    Path testClasses =
        Path.of(FlinkClusterIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path target = testClasses.getParent();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("hotline-jobs-.*-flink\\.jar"))
          .findFirst();
    }
  }

  /** An empty directory; the previous run's logs are removed only now, so they can be read. */
  private static Path freshDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  private static String single(ClickHouseHttp ch, String sql) throws Exception {
    return String.join("\t", ch.query(sql).get(0));
  }
}
