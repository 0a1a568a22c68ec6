package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.testing.CallFactory;
import io.hotline.jobs.testing.GroupsInClickHouse;
import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open-ended ingest job is stopped mid-stream (as an operator stops `hotline jobs run`), more
 * events arrive, and a new run resumes from the retained checkpoint: every minute ends up equal to
 * the batch twin over all events — nothing lost from the minutes open at the stop, nothing twice.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class ResumeAfterStopIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void stoppedJobResumesFromItsCheckpoint(KafkaConfig kafka, ClickHouseConfig clickHouse)
      throws Exception {
    List<String> events = CallFactory.withFaults(CallFactory.calls(4_000, 11), 30);
    List<String> before = events.subList(0, events.size() / 2);
    List<String> after = events.subList(events.size() / 2, events.size());
    Path file = dir.resolve("cdr.jsonl");
    Files.write(file, events);
    IngestOptions o =
        IngestOptions.demo(kafka, clickHouse)
            .with(IngestOptions.Option.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri())
            .withCheckpointInterval(Duration.ofMillis(200))
            .withRestartAttempts(0);
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);

    IngestJobIT.produce(kafka, kafka.cdrTopic(), before);
    JobClient first = IngestJob.start(o);
    // Everything before the stop is written (rows are only written at checkpoint barriers); a
    // second later, checkpoints taken after the last record are complete, so the records deleted
    // below are all covered by the checkpoint the next run resumes from.
    awaitCalls(ch, distinctCalls(before));
    Thread.sleep(1_000);
    first.cancel().get();
    assertThat(IngestJob.newestRetainedCheckpoint(o)).isPresent();
    // The records read before the stop are gone from Kafka (as after retention), so only the
    // job's own state can carry the minutes that were open at the stop.
    deleteRecordsSoFar(kafka, kafka.cdrTopic());

    IngestJobIT.produce(kafka, kafka.cdrTopic(), after);
    JobClient second = IngestJob.start(o);
    try {
      Map<GroupKey, CallCounts> expected = batch(file);
      long total = expected.values().stream().mapToLong(c -> c.totalInbound).sum();
      awaitMinutes(ch, total);
      assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(expected);
      assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(expected);
    } finally {
      second.cancel().get();
    }
  }

  private static Map<GroupKey, CallCounts> batch(Path file) throws Exception {
    Map<GroupKey, CallCounts> out = new TreeMap<>();
    for (MetricsBatchJob.Row r :
        MetricsBatchJob.run(
                file, new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER), 2, d -> {})
            .rows()) {
      out.put(r.key(), r.counts());
    }
    return out;
  }

  private static void deleteRecordsSoFar(KafkaConfig kafka, String topic) throws Exception {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < kafka.partitions(); i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, info) -> deletions.put(tp, RecordsToDelete.beforeOffset(info.offset())));
      admin.deleteRecords(deletions).all().get();
    }
  }

  private static long distinctCalls(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("{\"call_id\":\"call-"))
        .map(l -> l.substring(0, l.indexOf("\",")))
        .distinct()
        .count();
  }

  private static void awaitCalls(ClickHouseHttp ch, long atLeast) throws Exception {
    await(ch, "SELECT count() FROM calls FINAL", atLeast);
  }

  /** Waits until the minutes hold every call: the open minutes are emitted by early firing. */
  private static void awaitMinutes(ClickHouseHttp ch, long total) throws Exception {
    await(ch, "SELECT sum(total_inbound) FROM metrics_minute FINAL", total);
  }

  private static void await(ClickHouseHttp ch, String sql, long atLeast) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      List<List<String>> r = ch.query(sql);
      seen = r.isEmpty() || r.get(0).get(0).equals("\\\\N") ? 0 : Long.parseLong(r.get(0).get(0));
      if (seen >= atLeast) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        sql + " reached " + seen + ", expected " + atLeast + " within " + PATIENCE);
  }
}
