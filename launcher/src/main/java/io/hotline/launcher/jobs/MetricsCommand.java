package io.hotline.launcher.jobs;

import io.hotline.jobs.MetricsBatchJob;
import io.hotline.jobs.MetricsCsv;
import io.hotline.jobs.functions.DeadLetterJson;
import io.hotline.jobs.functions.Grouping;
import io.hotline.launcher.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline metrics}: the batch twin. Runs the same Flink pipeline in batch mode over a CDR
 * file and writes one CSV row per period × line × region, no Kafka or ClickHouse needed.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Compute call metrics from a CDR file (JSON lines) with the streaming job's definitions.",
      "Prints accepted, duplicate and rejected record counts to stderr."
    })
public final class MetricsCommand implements Callable<Integer> {
  @Option(names = "--cdr", required = true, paramLabel = "FILE.jsonl", description = "CDR file.")
  Path cdr;

  @Option(
      names = "--by",
      defaultValue = "day",
      paramLabel = "hour|day|month",
      description = "Period of a row (China time). Default: ${DEFAULT-VALUE}.")
  String by;

  @Option(
      names = "--level",
      defaultValue = "center",
      paramLabel = "center|province|nation",
      description = "Region of a row. Default: ${DEFAULT-VALUE}.")
  String level;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV.")
  Path out;

  @Option(
      names = "--dead-letters",
      paramLabel = "FILE.jsonl",
      description = "Write refused records here, one JSON object per line.")
  Path deadLetters;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Parallel tasks. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    Grouping grouping =
        new Grouping(
            parse(Grouping.Period.class, "--by", by),
            parse(Grouping.Level.class, "--level", level));
    if (!Files.isRegularFile(cdr) || !Files.isReadable(cdr)) {
      throw new UserError("cannot read the CDR file " + cdr);
    }
    checkWritable(out);
    long start = System.nanoTime();
    MetricsBatchJob.Result result;
    if (deadLetters != null) {
      checkWritable(deadLetters);
      try (BufferedWriter dead = Files.newBufferedWriter(deadLetters, StandardCharsets.UTF_8)) {
        result =
            MetricsBatchJob.run(
                cdr, grouping, parallelism, d -> writeLine(dead, DeadLetterJson.toJson(d)));
      }
    } else {
      result = MetricsBatchJob.run(cdr, grouping, parallelism, d -> {});
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      MetricsCsv.write(result.rows(), w);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long records = result.accepted() + result.duplicates() + result.rejected();
    System.err.printf(
        Locale.ROOT,
        "accepted %d, duplicates %d, rejected %d; %d rows to %s in %.1f s (%.0f records/s; the"
            + " Flink job %.1f s, %.0f records/s; the rest is MiniCluster start-up and stop)%n",
        result.accepted(),
        result.duplicates(),
        result.rejected(),
        result.rows().size(),
        out,
        seconds,
        records / seconds,
        result.jobSeconds(),
        records / result.jobSeconds());
    return 0;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E c : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
      }
      throw new UserError(option + " must be one of " + allowed + ", got: " + value);
    }
  }

  private static void checkWritable(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new UserError(
          "cannot write " + file + ": its directory does not exist or is not writable");
    }
  }

  private static void writeLine(Writer w, String line) {
    try {
      w.write(line);
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
