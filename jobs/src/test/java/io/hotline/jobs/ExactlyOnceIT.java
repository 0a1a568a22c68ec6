package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.testing.CallFactory;
import io.hotline.jobs.testing.GroupsInClickHouse;
import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job's numbers in ClickHouse equal the batch twin's on the same events, even when
 * the job fails mid-stream and Flink restarts it from its last checkpoint, and duplicates are
 * delivered: per day × line × centre, every component and every ratio.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class ExactlyOnceIT {
  private static final int CALLS = 6_000;

  @TempDir Path dir;

  /**
   * Fails its first attempt once it has seen {@code after} records and a checkpoint has completed
   * (so the restart really resumes from a checkpoint with rows already written), leaving a marker
   * file behind as proof; later attempts pass everything through. The first attempt is slowed, a
   * millisecond a record until a checkpoint has completed and a little after, so that the input
   * does not run out first: checkpoints are declined until every task runs, and a chain that takes
   * longer to start once left the whole input read before the first one completed.
   */
  static final class FailOnce extends RichMapFunction<IngestRecord, IngestRecord>
      implements CheckpointListener {
    private final long after;
    private final String marker;
    private long seen;
    private boolean checkpointed;

    FailOnce(long after, Path marker) {
      this.after = after;
      this.marker = marker.toString();
    }

    @Override
    public IngestRecord map(IngestRecord r) throws Exception {
      if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
        return r;
      }
      seen++;
      if (!checkpointed || seen % 20 == 0) {
        Thread.sleep(1);
      }
      if (seen > after && checkpointed) {
        Files.writeString(Path.of(marker), "failed after " + seen + " records");
        throw new IllegalStateException("injected failure after " + seen + " records");
      }
      return r;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      checkpointed = true;
    }
  }

  @Test
  void failureAndRestartMidStreamChangeNoNumber(KafkaConfig kafka, ClickHouseConfig clickHouse)
      throws Exception {
    List<String> events = CallFactory.withFaults(CallFactory.calls(CALLS, 7), 25);
    IngestJobIT.produce(kafka, kafka.cdrTopic(), events);
    Path file = dir.resolve("cdr.jsonl");
    Files.write(file, events);

    IngestOptions o =
        IngestOptions.demo(kafka, clickHouse)
            .untilCaughtUp(true)
            .withRestartAttempts(3)
            .withCheckpointInterval(Duration.ofMillis(100));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(IngestJob.flinkConfig(o));
    IngestJob.configure(env, o);
    DataStream<IngestRecord> input =
        env.fromSource(IngestJob.kafkaSource(o), IngestJob.watermarks(o), "events from Kafka")
            .map(new FailOnce(events.size() / 6, dir.resolve("failed")))
            .name("fail once");
    IngestJob.build(input, IngestJob.Sinks.of(o), o);
    env.execute("ingest with an injected failure");
    assertThat(dir.resolve("failed")).as("the injected failure happened").exists();

    Map<GroupKey, CallCounts> batch = new TreeMap<>();
    for (MetricsBatchJob.Row row :
        MetricsBatchJob.run(
                file, new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER), 2, d -> {})
            .rows()) {
      batch.put(row.key(), row.counts());
    }
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);
    Map<GroupKey, CallCounts> fromCalls = GroupsInClickHouse.fromCalls(ch);
    Map<GroupKey, CallCounts> fromMinutes = GroupsInClickHouse.fromMinutes(ch);

    assertThat(batch).isNotEmpty();
    assertThat(fromCalls).isEqualTo(batch);
    assertThat(fromMinutes).isEqualTo(batch);
    assertThat(batch.values().stream().mapToLong(c -> c.totalInbound).sum()).isEqualTo(CALLS);
    for (Metric m : Metric.values()) {
      for (GroupKey k : batch.keySet()) {
        assertThat(m.of(fromMinutes.get(k))).as(m + " of " + k).isEqualTo(m.of(batch.get(k)));
      }
    }
    assertSqlDefinitionsEqualJava(ch, batch);
  }

  /** Each metric's SQL expression, evaluated by ClickHouse, equals its Java definition. */
  private static void assertSqlDefinitionsEqualJava(
      ClickHouseHttp ch, Map<GroupKey, CallCounts> batch) throws Exception {
    List<Metric> withSql =
        java.util.Arrays.stream(Metric.values()).filter(m -> m.sql() != null).toList();
    StringBuilder select = new StringBuilder("SELECT toString(day), line, center");
    for (Metric m : withSql) {
      select.append(", ").append(m.sql());
    }
    select
        .append(" FROM (SELECT day, line, center, ")
        .append(CallCountsSql.fromComponents())
        .append(" FROM metrics_minute FINAL GROUP BY day, line, center)");
    List<List<String>> rows = ch.query(select.toString());
    assertThat(rows).hasSize(batch.size());
    for (List<String> r : rows) {
      CallCounts c = batch.get(new GroupKey(r.get(0), r.get(1), r.get(2)));
      for (int i = 0; i < withSql.size(); i++) {
        Metric m = withSql.get(i);
        String sqlValue = r.get(3 + i);
        Double javaValue = m.of(c);
        if (javaValue == null) {
          assertThat(sqlValue).as(m + " of " + r.subList(0, 3)).isEqualTo("\\N");
        } else {
          assertThat(Double.parseDouble(sqlValue))
              .as(m + " of " + r.subList(0, 3))
              .isCloseTo(javaValue, org.assertj.core.data.Offset.offset(1e-9));
        }
      }
    }
  }
}
