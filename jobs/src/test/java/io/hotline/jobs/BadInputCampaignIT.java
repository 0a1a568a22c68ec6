package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.testing.BadInput;
import io.hotline.jobs.testing.CallFactory;
import io.hotline.jobs.testing.GroupsInClickHouse;
import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input campaign end to end: the {@link BadInput} corpus interleaved with valid calls, once
 * through the batch twin over a file and once through Kafka → Flink → ClickHouse. Neither job
 * fails; every refused record is a dead letter with a reason and no caller number; every valid
 * record, adversarial text included, arrives once and verbatim; and both paths count the same.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class BadInputCampaignIT {
  private static final int VALID_CALLS = 1_500;

  @TempDir Path dir;

  @Test
  void badInputIsRefusedOrStoredSafely_andValidCallsAroundItAllArrive(
      KafkaConfig kafka, ClickHouseConfig clickHouse) throws Exception {
    List<BadInput.Case> corpus = BadInput.corpus();
    List<byte[]> records = interleave(CallFactory.calls(VALID_CALLS, 41), corpus);
    long refused = corpus.stream().filter(c -> c.expect() == BadInput.Expect.REJECTED).count();
    long storedAdversarial = corpus.size() - refused;
    Path file = dir.resolve("cdr.jsonl");
    Files.write(file, joinLines(records));

    // The batch twin over the file.
    List<DeadLetter> dead = new ArrayList<>();
    MetricsBatchJob.Result batch =
        MetricsBatchJob.run(
            file, new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER), 2, dead::add);
    assertThat(batch.rejected()).isEqualTo(refused);
    assertThat(batch.accepted()).isEqualTo(VALID_CALLS + storedAdversarial);
    assertThat(dead)
        .allSatisfy(
            d -> {
              assertThat(d.reason()).isNotBlank().doesNotContain(BadInput.PHONE);
              assertThat(d.rawMasked()).doesNotContain(BadInput.PHONE);
            });
    Map<GroupKey, CallCounts> expected = new TreeMap<>();
    batch.rows().forEach(r -> expected.put(r.key(), r.counts()));

    // The streaming job over the same bytes from Kafka, and more on the other two topics.
    List<BadInput.Case> recordings = BadInput.recordings();
    List<BadInput.Case> messages = BadInput.messages();
    produce(kafka, kafka.cdrTopic(), records);
    produce(kafka, kafka.recordingTopic(), recordings.stream().map(BadInput.Case::bytes).toList());
    produce(kafka, kafka.smsTopic(), messages.stream().map(BadInput.Case::bytes).toList());
    // A producer that writes microseconds where Kafka expects milliseconds stamps its records some
    // 55,000 years ahead; brokers before Kafka 4 accept that by default.
    allowAnyTimestamp(kafka, kafka.smsTopic());
    produceAt(kafka, kafka.smsTopic(), System.currentTimeMillis() * 1000, "{\"sms_id\": 1}");
    long storedRecordings =
        recordings.stream().filter(c -> c.expect() == BadInput.Expect.STORED).count();
    long refusedElsewhere = recordings.size() - storedRecordings + messages.size() + 1;
    IngestJob.run(
        IngestOptions.demo(kafka, clickHouse)
            .untilCaughtUp(true)
            .withRestartAttempts(0)
            // A row ClickHouse refuses would fail the job within seconds, not after ten minutes.
            .with(IngestOptions.Option.SINK_GIVE_UP_AFTER_MS, Duration.ofSeconds(5)));

    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);
    assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(expected);
    assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(expected);
    assertThat(single(ch, "SELECT count() FROM calls FINAL"))
        .isEqualTo(String.valueOf(VALID_CALLS + storedAdversarial));
    assertThat(single(ch, "SELECT count() FROM dead_letters FINAL"))
        .isEqualTo(String.valueOf(refused + refusedElsewhere));
    assertThat(single(ch, "SELECT countIf(kind = 'cdr'), countIf(kind = 'sms') FROM dead_letters"))
        .isEqualTo(refused + "\t" + (messages.size() + 1));
    assertThat(single(ch, "SELECT count() FROM recordings FINAL"))
        .isEqualTo(String.valueOf(storedRecordings));
    for (BadInput.Case c : recordings) {
      if (c.expect() == BadInput.Expect.STORED) {
        var r = io.hotline.schemas.events.EventParser.standard().parseRecording(c.text()).event();
        assertThat(
                ch.query(
                    "SELECT call_id, agent_id, uri, codec FROM recordings FINAL"
                        + " WHERE recording_id = '"
                        + sqlString(c.callId())
                        + "'"))
            .as(c.name())
            .containsExactly(List.of(r.callId(), r.agentId(), r.uri(), r.codec()));
      }
    }
    assertThat(
            single(
                ch,
                "SELECT countIf(reason = ''), countIf(position(reason, '"
                    + BadInput.PHONE
                    + "') > 0), countIf(position(raw, '"
                    + BadInput.PHONE
                    + "') > 0) FROM dead_letters"))
        .isEqualTo("0\t0\t0");
    assertThat(
            single(
                ch,
                "SELECT countIf(position(caller_hash, '" + BadInput.PHONE + "') > 0) FROM calls"))
        .isEqualTo("0");
    for (BadInput.Case c : corpus) {
      if (c.expect() == BadInput.Expect.STORED) {
        assertStoredVerbatim(ch, c);
      }
    }
    int deadLetters = (int) (refused + refusedElsewhere);
    assertThat(IngestJobIT.consume(kafka, kafka.deadLetterTopic(), deadLetters))
        .hasSize(deadLetters)
        .allSatisfy(json -> assertThat(json).doesNotContain(BadInput.PHONE));
  }

  /** The stored row holds the adversarial text exactly as sent, read back through SQL. */
  private static void assertStoredVerbatim(ClickHouseHttp ch, BadInput.Case c) throws Exception {
    String sent = BadInput.call(c.callId()).json();
    var event = io.hotline.schemas.events.EventParser.standard().parseCdr(c.text()).event();
    List<List<String>> rows =
        ch.query(
            "SELECT queue, agent_id, recording_id FROM calls FINAL WHERE call_id = '"
                + sqlString(c.callId())
                + "'");
    assertThat(rows).as(c.name() + " (" + sent + ")").hasSize(1);
    assertThat(rows.get(0))
        .as(c.name())
        .containsExactly(event.queue(), event.agentId(), event.recordingId());
  }

  /** A ClickHouse string literal's content: backslashes and quotes escaped. */
  private static String sqlString(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** The valid calls with one corpus case after every few, so bad input sits among good. */
  private static List<byte[]> interleave(List<String> valid, List<BadInput.Case> corpus) {
    List<byte[]> out = new ArrayList<>();
    int every = Math.max(1, valid.size() / corpus.size());
    int next = 0;
    for (int i = 0; i < valid.size(); i++) {
      out.add(valid.get(i).getBytes(StandardCharsets.UTF_8));
      if (i % every == every - 1 && next < corpus.size()) {
        out.add(corpus.get(next++).bytes());
      }
    }
    while (next < corpus.size()) {
      out.add(corpus.get(next++).bytes());
    }
    return out;
  }

  private static byte[] joinLines(List<byte[]> records) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] r : records) {
      b.writeBytes(r);
      b.write('\n');
    }
    return b.toByteArray();
  }

  private static void produce(KafkaConfig kafka, String topic, List<byte[]> values) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"); // as IngestJobIT.produce
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] v : values) {
        producer.send(new ProducerRecord<>(topic, v));
      }
      producer.flush();
    }
  }

  private static void allowAnyTimestamp(KafkaConfig kafka, String topic) throws Exception {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      AlterConfigOp op =
          new AlterConfigOp(
              new ConfigEntry("message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE)),
              AlterConfigOp.OpType.SET);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
    }
  }

  private static void produceAt(KafkaConfig kafka, String topic, long timestamp, String value)
      throws Exception {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topic, 0, timestamp, null, value.getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }

  private static String single(ClickHouseHttp ch, String sql) throws Exception {
    return String.join("\t", ch.query(sql).get(0));
  }
}
