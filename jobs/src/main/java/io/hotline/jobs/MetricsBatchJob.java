package io.hotline.jobs;

import io.hotline.jobs.functions.DropRepeatsAndSum;
import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.functions.ParseCdrRange;
import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.FileRange;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.records.Origin;
import io.hotline.jobs.records.PackedCalls;
import io.hotline.schemas.metrics.CallCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The batch twin of the streaming metrics: the same parsing, validation and de-duplication over a
 * CDR file, and the same {@link CallCounts} per period × line × region, computed by Flink over the
 * bounded file with no Kafka or ClickHouse. Used for archives and to check the streaming results.
 */
public final class MetricsBatchJob {

  /**
   * What a run produced: one row per group in CSV order, and what was refused or repeated.
   *
   * @param jobSeconds the Flink job's own run time, without the MiniCluster's start and stop
   */
  public record Result(
      List<Row> rows, long accepted, long duplicates, long rejected, double jobSeconds) {}

  /** One output group. */
  public record Row(GroupKey key, CallCounts counts) {}

  private MetricsBatchJob() {}

  /**
   * Runs over one JSON-lines CDR file.
   *
   * @param deadLetters receives every refused record, in no particular order
   */
  public static Result run(
      Path cdrFile, Grouping grouping, int parallelism, Consumer<DeadLetter> deadLetters)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // Streaming mode over a bounded input: every stage runs at once with pipelined exchanges (no
    // stage waits for the one before, nothing is written to disk); checkpoints stay off.
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    // No function keeps a reference to its input, so records need not be copied between them.
    env.getConfig().enableObjectReuse();
    env.setParallelism(parallelism);
    String fileName = cdrFile.getFileName().toString();
    List<FileRange> ranges = ranges(cdrFile, parallelism);
    DataStream<FileRange> shares =
        env.fromData(ranges).name("cdr file ranges").uid("file-ranges").setParallelism(1);
    long expectedIdsPerTask = Files.size(cdrFile) / TYPICAL_LINE_BYTES / parallelism;
    DataStream<BatchOutput> out =
        build(shares, fileName, grouping, parallelism, expectedIdsPerTask);

    Map<Long, CallCounts> sums = new HashMap<>();
    DeadLetterNumbering numbering = new DeadLetterNumbering(ranges.size(), deadLetters);
    long duplicates = 0;
    CloseableIterator<BatchOutput> results = out.collectAsync();
    JobClient job = env.executeAsync("hotline metrics (batch)");
    try (CloseableIterator<BatchOutput> it = results) {
      while (it.hasNext()) {
        BatchOutput o = it.next();
        switch (o.kind()) {
          case GROUP -> sums.merge(o.group(), o.counts(), CallCounts::merge);
          case DEAD_LETTER -> numbering.deadLetter(o.range(), o.deadLetter());
          case LINES -> numbering.lines(o.range(), o.count());
          case DUPLICATES -> duplicates += o.count();
        }
      }
    }
    Map<GroupKey, CallCounts> sorted = new TreeMap<>();
    sums.forEach((code, counts) -> sorted.put(grouping.keyOf(code), counts));
    List<Row> rows = new ArrayList<>();
    sorted.forEach((k, v) -> rows.add(new Row(k, v)));
    long accepted = rows.stream().mapToLong(r -> r.counts().totalInbound).sum();
    double jobSeconds = job.getJobExecutionResult().get().getNetRuntime() / 1000.0;
    return new Result(rows, accepted, duplicates, numbering.rejected(), jobSeconds);
  }

  /**
   * About the length of a CDR line (a simulated one is about 370 bytes): the file's size over it
   * estimates the calls, to size each task's memory of ids once. Too long a guess costs one growth
   * of that memory, too short a guess up to twice the memory needed.
   */
  private static final long TYPICAL_LINE_BYTES = 384;

  /** Cuts the file into {@code n} ranges of about equal bytes; lines are found by the readers. */
  static List<FileRange> ranges(Path file, int n) throws IOException {
    long size = Files.size(file);
    String path = file.toAbsolutePath().toString();
    List<FileRange> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranges.add(new FileRange(path, i, size * i / n, size * (i + 1) / n));
    }
    return ranges;
  }

  /**
   * The pipeline from file ranges to partial group sums, dead letters, line counts and repeat
   * counts, with {@code countingTasks} tasks dropping repeats and summing; {@code
   * expectedIdsPerTask} sizes each one's memory of ids.
   */
  static DataStream<BatchOutput> build(
      DataStream<FileRange> ranges,
      String fileName,
      Grouping grouping,
      int countingTasks,
      long expectedIdsPerTask) {
    // The caller's number is not part of any metric: parsing reads it and nothing keeps it.
    SingleOutputStreamOperator<PackedCalls> calls =
        ranges
            .rebalance()
            .process(new ParseCdrRange(fileName, grouping, Instant.now(), countingTasks))
            .returns(PackedCalls.class)
            .name("read, parse and validate a file range")
            .uid("parse-range");

    // All copies of an id go to the same task (by fingerprint), which counts each id once; the
    // reading tasks batch calls by that task already.
    DataStream<BatchOutput> groups =
        calls
            .partitionCustom((Integer task, int n) -> task, PackedCalls::task)
            .transform(
                "drop repeats, sum per group",
                TypeInformation.of(BatchOutput.class),
                new DropRepeatsAndSum(expectedIdsPerTask))
            .setParallelism(countingTasks)
            .uid("drop-repeats-and-sum");

    return groups.union(calls.getSideOutput(ParseCdrRange.ASIDE));
  }

  /**
   * Makes the readers' per-range line numbers of dead letters file-wide: a dead letter of range i
   * is passed on once the line counts of all ranges before it are known (range 0's at once).
   */
  private static final class DeadLetterNumbering {
    private final long[] lines;
    private final boolean[] counted;
    private final List<List<DeadLetter>> waiting = new ArrayList<>();
    private final Consumer<DeadLetter> out;
    private long rejected;

    DeadLetterNumbering(int ranges, Consumer<DeadLetter> out) {
      this.lines = new long[ranges];
      this.counted = new boolean[ranges];
      this.out = out;
      for (int i = 0; i < ranges; i++) {
        waiting.add(new ArrayList<>());
      }
    }

    void deadLetter(int range, DeadLetter d) {
      rejected++;
      long before = linesBefore(range);
      if (before >= 0) {
        out.accept(renumbered(d, before));
      } else {
        waiting.get(range).add(d);
      }
    }

    void lines(int range, long count) {
      lines[range] = count;
      counted[range] = true;
      for (int i = 0; i < waiting.size(); i++) {
        long before = linesBefore(i);
        if (before >= 0 && !waiting.get(i).isEmpty()) {
          waiting.get(i).forEach(d -> out.accept(renumbered(d, before)));
          waiting.get(i).clear();
        }
      }
    }

    long rejected() {
      return rejected;
    }

    /** Lines of the ranges before this one, or -1 while one of them is not counted yet. */
    private long linesBefore(int range) {
      long sum = 0;
      for (int i = 0; i < range; i++) {
        if (!counted[i]) {
          return -1;
        }
        sum += lines[i];
      }
      return sum;
    }

    private static DeadLetter renumbered(DeadLetter d, long linesBefore) {
      if (linesBefore == 0) {
        return d;
      }
      Origin o = d.origin();
      return new DeadLetter(
          d.kind(),
          Origin.file(o.source(), o.offset() + linesBefore),
          d.field(),
          d.reason(),
          d.rawMasked(),
          d.receivedAt());
    }
  }
}
