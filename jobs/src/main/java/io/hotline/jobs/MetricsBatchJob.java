package io.hotline.jobs;

import io.hotline.jobs.functions.DropRepeatsAndSum;
import io.hotline.jobs.functions.Fingerprint128;
import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.functions.NumberedLineFormat;
import io.hotline.jobs.functions.RecordParser;
import io.hotline.jobs.functions.SplitByKind;
import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.CallContribution;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.NumberedLine;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.BatchShuffleMode;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The batch twin of the streaming metrics: the same parsing, validation and de-duplication over a
 * CDR file, and the same {@link CallCounts} per period × line × region, computed by Flink in batch
 * mode with no Kafka or ClickHouse. Used for archives and to check the streaming results.
 */
public final class MetricsBatchJob {

  /** What a run produced: one row per group in CSV order, and what was refused or repeated. */
  public record Result(List<Row> rows, long accepted, long duplicates, long rejected) {}

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
    Configuration conf = new Configuration();
    // Stages overlap (hybrid shuffle) instead of each waiting for the previous one to finish, and
    // shuffled data is not compressed: on one machine the CPU is dearer than the bytes.
    conf.set(ExecutionOptions.BATCH_SHUFFLE_MODE, BatchShuffleMode.ALL_EXCHANGES_HYBRID_FULL);
    conf.set(NettyShuffleEnvironmentOptions.BATCH_SHUFFLE_COMPRESSION_ENABLED, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    // No function keeps a reference to its input, so records need not be copied between them.
    env.getConfig().enableObjectReuse();
    env.setParallelism(parallelism);
    FileSource<NumberedLine> source =
        FileSource.forRecordStreamFormat(
                new NumberedLineFormat(),
                org.apache.flink.core.fs.Path.fromLocalFile(cdrFile.toFile()))
            .build();
    DataStream<NumberedLine> lines =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "cdr file").uid("file-source");
    DataStream<BatchOutput> out = build(lines, cdrFile.getFileName().toString(), grouping);

    Map<GroupKey, CallCounts> sums = new TreeMap<>();
    long duplicates = 0;
    long rejected = 0;
    try (CloseableIterator<BatchOutput> it = out.executeAndCollect("hotline metrics (batch)")) {
      while (it.hasNext()) {
        BatchOutput o = it.next();
        if (o.key() != null) {
          sums.merge(o.key(), o.counts(), CallCounts::merge);
        } else if (o.deadLetter() != null) {
          rejected++;
          deadLetters.accept(o.deadLetter());
        } else {
          duplicates += o.duplicates();
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((k, v) -> rows.add(new Row(k, v)));
    long accepted = rows.stream().mapToLong(r -> r.counts().totalInbound).sum();
    return new Result(rows, accepted, duplicates, rejected);
  }

  private static CallContribution contribution(Cdr c, Grouping grouping) {
    long[] id = Fingerprint128.of(c.callId());
    return new CallContribution(
        id[0],
        id[1],
        grouping.keyOf(c),
        CallMeasures.of(c),
        c.satisfaction(),
        c.recordingId() != null);
  }

  /** The pipeline from numbered lines to partial group sums, dead letters and repeat counts. */
  static DataStream<BatchOutput> build(
      DataStream<NumberedLine> lines, String fileName, Grouping grouping) {
    // The caller's number is not part of any metric: it is dropped in parsing, so the raw number
    // goes no further than that here either.
    RecordParser parser = RecordParser.droppingCallers();
    Instant received = Instant.now();
    SingleOutputStreamOperator<Cdr> calls =
        lines
            .rebalance()
            .map(
                l ->
                    l.isCut()
                        ? parser.oversized(
                            EventKind.CDR,
                            Origin.file(fileName, l.number()),
                            l.bytes(),
                            l.length(),
                            received)
                        : parser.parse(
                            EventKind.CDR, Origin.file(fileName, l.number()), l.bytes(), received))
            .returns(IngestRecord.class)
            .name("parse and validate")
            .uid("parse")
            .process(new SplitByKind())
            .name("split by event type")
            .uid("split-by-kind");

    // All copies of an id go to the same task (by fingerprint), which counts each id once.
    DataStream<BatchOutput> groups =
        calls
            .map(c -> contribution(c, grouping))
            .returns(CallContribution.class)
            .name("reduce call to its contribution")
            .uid("contribution")
            .partitionCustom(
                (Long high, int n) -> (int) Math.floorMod(high, (long) n), CallContribution::idHigh)
            .fullWindowPartition()
            .mapPartition(new DropRepeatsAndSum())
            .returns(BatchOutput.class)
            .name("drop repeats, sum per group")
            .uid("drop-repeats-and-sum");

    DataStream<BatchOutput> dead =
        calls
            .getSideOutput(SplitByKind.DEAD_LETTERS)
            .map(BatchOutput::deadLetter)
            .returns(BatchOutput.class);
    return groups.union(dead);
  }
}
