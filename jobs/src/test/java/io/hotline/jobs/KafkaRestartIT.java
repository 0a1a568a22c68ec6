package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.testing.CallFactory;
import io.hotline.jobs.testing.GroupsInClickHouse;
import io.hotline.jobs.testing.RestartableKafka;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker is restarted mid-stream (same port, same log directory) while the ingest job
 * runs: the job's consumer and dead-letter producer wait for it and carry on, without a restart of
 * the job, and every minute equals a clean run — nothing lost, nothing counted twice.
 */
@ExtendWith(ClickHouseExtension.class)
class KafkaRestartIT {
  private static final Duration OUTAGE = Duration.ofSeconds(6);

  @TempDir Path dir;

  @Test
  void brokerRestartMidStream_jobCarriesOn_numbersEqualCleanRun(ClickHouseConfig clickHouse)
      throws Exception {
    List<String> events = CallFactory.withFaults(CallFactory.calls(3_000, 23), 30);
    List<String> before = events.subList(0, events.size() / 2);
    List<String> after = events.subList(events.size() / 2, events.size());
    Path file = dir.resolve("cdr.jsonl");
    Files.write(file, events);
    Map<GroupKey, CallCounts> clean = FaultRuns.cleanRun(file);
    long total = FaultRuns.totalInbound(clean);
    long broken = events.stream().filter(l -> l.startsWith("{\"call_id\": \"broken")).count();
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);

    try (RestartableKafka broker = RestartableKafka.start()) {
      KafkaConfig kafka = broker.config();
      IngestOptions o =
          IngestOptions.demo(kafka, clickHouse)
              .with(IngestOptions.Option.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri())
              .withCheckpointInterval(Duration.ofMillis(300))
              // No restart allowed: the job must ride the broker's restart out by itself.
              .withRestartAttempts(0);
      IngestJobIT.produce(kafka, kafka.cdrTopic(), before);
      JobClient job = IngestJob.start(o);
      try {
        FaultRuns.awaitAtLeast(
            ch, "SELECT count() FROM calls FINAL", FaultRuns.distinctCalls(before));
        broker.stopBroker();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself: nothing to await
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        broker.startBroker();
        IngestJobIT.produce(kafka, kafka.cdrTopic(), after);

        FaultRuns.awaitAtLeast(ch, "SELECT sum(total_inbound) FROM metrics_minute FINAL", total);
        FaultRuns.awaitAtLeast(ch, "SELECT count() FROM calls FINAL", total);
        FaultRuns.awaitAtLeast(ch, "SELECT count() FROM dead_letters FINAL", broken);
        assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(clean);
        assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(clean);
        assertThat(ch.query("SELECT count() FROM dead_letters FINAL").get(0))
            .containsExactly(String.valueOf(broken));
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        job.cancel().get();
      }
    }
  }
}
