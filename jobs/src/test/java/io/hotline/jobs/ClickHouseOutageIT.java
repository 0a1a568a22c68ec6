package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.clickhouse.ClickHouseSink;
import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.jobs.testing.LogCapture;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.LocalClickHouse;
import io.hotline.schemas.clickhouse.Migrations;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ClickHouse goes away mid-stream and comes back, on the same port with the same data: the ingest
 * job loses and duplicates nothing, and every minute equals a clean run (the batch twin). A short
 * outage is ridden out by the sink's backoff-and-retry, without a restart; a long one makes the
 * sink give up, and Flink's restart strategy resumes the job from its last checkpoint.
 *
 * <p>Each test runs its own {@code clickhouse-server} (under a second to start), so stopping it
 * disturbs no other test.
 */
@ExtendWith(KafkaExtension.class)
class ClickHouseOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  @TempDir Path dir;

  private LocalClickHouse server;
  private ClickHouseConfig clickHouse;

  @BeforeEach
  void startOwnClickHouse() throws Exception {
    server = new LocalClickHouse(dir.resolve("clickhouse"), freePort(), freePort());
    server.start();
    clickHouse = server.config().withDatabase("outage");
    Migrations.apply(clickHouse);
  }

  @AfterEach
  void stopOwnClickHouse() {
    server.stop();
  }

  @Test
  void shortOutage_sinkRetriesInPlace_noRestart_numbersEqualCleanRun(KafkaConfig kafka)
      throws Exception {
    IngestOptions o =
        options(kafka)
            .with(IngestOptions.Option.SINK_GIVE_UP_AFTER_MS, Duration.ofSeconds(60))
            // No restart allowed: the job must ride the outage out by itself.
            .withRestartAttempts(0);
    try (LogCapture log = LogCapture.of(ClickHouseSink.class)) {
      JobClient job = runThroughOutage(kafka, o);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      job.cancel().get();
      assertThat(log.messages())
          .anySatisfy(m -> assertThat(m).contains("failed").contains("retrying in"))
          .anySatisfy(m -> assertThat(m).contains("after").contains("the stream goes on"))
          .noneSatisfy(m -> assertThat(m).contains("giving up"));
    }
  }

  @Test
  void longOutage_sinkGivesUp_jobRestartsFromCheckpoint_numbersEqualCleanRun(KafkaConfig kafka)
      throws Exception {
    IngestOptions o =
        options(kafka)
            .with(IngestOptions.Option.SINK_GIVE_UP_AFTER_MS, Duration.ofSeconds(1))
            .withRestartAttempts(20);
    try (LogCapture log = LogCapture.of(ClickHouseSink.class)) {
      JobClient job = runThroughOutage(kafka, o);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      job.cancel().get();
      assertThat(log.messages())
          .anySatisfy(
              m ->
                  assertThat(m)
                      .contains("giving up")
                      .contains("Flink restarts it from its last checkpoint"));
    }
  }

  /**
   * Half the events, ClickHouse stopped once they are written, the other half during the outage,
   * ClickHouse started again; returns the still running job once every minute equals the clean run.
   */
  private JobClient runThroughOutage(KafkaConfig kafka, IngestOptions o) throws Exception {
    FaultRuns.Events events = FaultRuns.Events.of(3_000, 17, dir);
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);

    IngestJobIT.produce(kafka, kafka.cdrTopic(), events.before());
    JobClient job = IngestJob.start(o);
    try {
      FaultRuns.awaitAtLeast(
          ch, "SELECT count() FROM calls FINAL", FaultRuns.distinctCalls(events.before()));
      assertThat(server.stop()).as("ClickHouse was stopped").isTrue();
      IngestJobIT.produce(kafka, kafka.cdrTopic(), events.after());
      Thread.sleep(OUTAGE.toMillis()); // the outage itself: nothing to await
      assertThat(job.getJobStatus().get()).isNotIn(JobStatus.FAILED, JobStatus.CANCELED);
      server.start();

      FaultRuns.assertEqualsCleanRun(ch, events);
      return job;
    } catch (Throwable t) {
      job.cancel();
      throw t;
    }
  }

  private IngestOptions options(KafkaConfig kafka) {
    return IngestOptions.demo(kafka, clickHouse)
        .with(IngestOptions.Option.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri())
        .withCheckpointInterval(Duration.ofMillis(300));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
