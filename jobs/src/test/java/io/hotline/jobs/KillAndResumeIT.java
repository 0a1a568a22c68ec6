package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.testing.KafkaExtension;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest job's process is killed outright (SIGKILL, as by the OOM killer or a pulled plug)
 * mid-stream, then started again as an operator would: the new process resumes from the newest
 * completed checkpoint left behind, Kafka replays what came after it, and every minute equals a
 * clean run. Unlike {@link ResumeAfterStopIT} (an orderly cancel) nothing gets to clean up, and a
 * checkpoint may be half written at the kill.
 */
@ExtendWith({KafkaExtension.class, ClickHouseExtension.class})
class KillAndResumeIT {
  @TempDir Path dir;

  @Test
  void killedProcessResumesFromItsLastCheckpoint(KafkaConfig kafka, ClickHouseConfig clickHouse)
      throws Exception {
    FaultRuns.Events events = FaultRuns.Events.of(4_000, 29, dir);
    ClickHouseHttp ch = new ClickHouseHttp(clickHouse);

    IngestOptions o =
        IngestOptions.demo(kafka, clickHouse)
            .with(IngestOptions.Option.CHECKPOINT_DIR, dir.resolve("checkpoints").toUri())
            .withCheckpointInterval(Duration.ofMillis(300))
            .withRestartAttempts(0);
    Path options = dir.resolve("ingest.properties");
    try (OutputStream out = Files.newOutputStream(options)) {
      o.toProperties().store(out, null);
    }

    IngestJobIT.produce(kafka, kafka.cdrTopic(), events.before());
    Process first = startJobProcess(options, "first");
    try {
      FaultRuns.awaitAtLeast(
          ch, "SELECT count() FROM calls FINAL", FaultRuns.distinctCalls(events.before()) / 2);
      FaultRuns.await(
          "a completed checkpoint",
          () -> alive(first, "first") && IngestJob.newestRetainedCheckpoint(o).isPresent());
    } finally {
      first.destroyForcibly(); // SIGKILL: no cancel, no final checkpoint, no flush
      first.waitFor(30, TimeUnit.SECONDS);
    }
    // The second process finds the same checkpoint and restores its state (open minutes, ids
    // seen) from it, rather than starting afresh from the offsets committed to Kafka.
    assertThat(IngestJob.flinkConfig(o).get(StateRecoveryOptions.SAVEPOINT_PATH))
        .as("the checkpoint a new run resumes from")
        .isNotNull();

    IngestJobIT.produce(kafka, kafka.cdrTopic(), events.after());
    Process second = startJobProcess(options, "second");
    try {
      FaultRuns.assertEqualsCleanRun(ch, events);
      assertThat(alive(second, "second")).isTrue();
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Whether the job's process still runs; fails with its output when it has died. */
  private boolean alive(Process p, String name) {
    if (p.isAlive()) {
      return true;
    }
    try {
      throw new AssertionError(
          "the " + name + " job process exited: " + Files.readString(dir.resolve(name + ".log")));
    } catch (IOException e) {
      throw new AssertionError("the " + name + " job process exited", e);
    }
  }

  /**
   * {@code IngestJob.main} in a JVM of its own, on this test's classpath (Failsafe's booter jar
   * names every entry in its manifest), its output in the test directory.
   */
  private Process startJobProcess(Path options, String name) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            IngestJob.class.getName(),
            options.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }
}
