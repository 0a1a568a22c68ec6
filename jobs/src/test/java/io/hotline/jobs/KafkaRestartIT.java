package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.testing.RestartableKafka;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.file.Path;
import java.time.Duration;
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
    FaultRuns.Events events = FaultRuns.Events.of(3_000, 23, dir);
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);

    try (RestartableKafka broker = RestartableKafka.start()) {
      KafkaConfig kafka = broker.config();
      IngestOptions o =
          IngestOptions.demo(kafka, clickHouse)
              .with(IngestOptions.Option.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri())
              .withCheckpointInterval(Duration.ofMillis(300))
              // No restart allowed: the job must ride the broker's restart out by itself.
              .withRestartAttempts(0);
      IngestJobIT.produce(kafka, kafka.cdrTopic(), events.before());
      JobClient job = IngestJob.start(o);
      try {
        FaultRuns.awaitAtLeast(
            ch, "SELECT count() FROM calls FINAL", FaultRuns.distinctCalls(events.before()));
        broker.stopBroker();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself: nothing to await
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        broker.startBroker();
        IngestJobIT.produce(kafka, kafka.cdrTopic(), events.after());

        FaultRuns.assertEqualsCleanRun(ch, events);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        job.cancel().get();
      }
    }
  }
}
