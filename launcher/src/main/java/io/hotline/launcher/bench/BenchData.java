package io.hotline.launcher.bench;

import io.hotline.jobs.IngestOptions;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.kafka.KafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/**
 * The simulated data a benchmark measures and where it runs: shared by {@code hotline bench} and
 * {@code hotline bench ingest}, so both measure the same kind of month with the same options.
 */
final class BenchData {
  @Option(names = "--from", defaultValue = "2025-03-01")
  String from;

  @Option(names = "--to", defaultValue = "2025-03-31")
  String to;

  @Option(names = "--scale", defaultValue = "nation", description = "city, province or nation.")
  String scale;

  @Option(names = "--seed", defaultValue = "1")
  long seed;

  @Option(names = "--work", defaultValue = "var/bench", description = "Where the data goes.")
  Path work;

  @Option(names = "--var", defaultValue = "var", description = "Stack directory.")
  Path var;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Option(names = "--keep", description = "Keep the simulated files afterwards.")
  boolean keep;

  @Option(
      names = "--checkpoint-interval-ms",
      paramLabel = "MS",
      description = "The ingest job's checkpoint interval (default: the job's own).")
  Long checkpointIntervalMs;

  /** The ingest job's options for a run on the stack: demo secret, the benchmark's interval. */
  IngestOptions job(KafkaConfig kafka, ClickHouseConfig clickHouse) {
    IngestOptions o = IngestOptions.demo(kafka, clickHouse);
    return checkpointIntervalMs == null
        ? o
        : o.withCheckpointInterval(Duration.ofMillis(checkpointIntervalMs));
  }

  /** The year of the simulated data, which the reports and the dashboard requests cover. */
  int year() {
    return LocalDate.parse(from).getYear();
  }

  String describe() {
    return scale + " " + from + "…" + to + ", seed " + seed;
  }
}
