package io.hotline.jobs;

import io.hotline.jobs.functions.DeduplicateById;
import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.functions.NumberedLineFormat;
import io.hotline.jobs.functions.RecordParser;
import io.hotline.jobs.functions.SplitByKind;
import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.NumberedLine;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.metrics.CallCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

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
    // Batch shuffles sort; with Flink's small default of managed memory they spill to disk.
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
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

    List<Row> rows = new ArrayList<>();
    long duplicates = 0;
    long rejected = 0;
    try (CloseableIterator<BatchOutput> it = out.executeAndCollect("hotline metrics (batch)")) {
      while (it.hasNext()) {
        BatchOutput o = it.next();
        if (o.key() != null) {
          rows.add(new Row(o.key(), o.counts()));
        } else if (o.deadLetter() != null) {
          rejected++;
          deadLetters.accept(o.deadLetter());
        } else {
          duplicates++;
        }
      }
    }
    rows.sort((a, b) -> a.key().compareTo(b.key()));
    long accepted = rows.stream().mapToLong(r -> r.counts().totalInbound).sum();
    return new Result(rows, accepted, duplicates, rejected);
  }

  /** Sums the calls of one task's partition per group. */
  static final class SumPerGroup
      implements MapPartitionFunction<Cdr, Tuple2<GroupKey, CallCounts>> {
    private static final long serialVersionUID = 1L;
    private final Grouping grouping;

    SumPerGroup(Grouping grouping) {
      this.grouping = grouping;
    }

    @Override
    public void mapPartition(Iterable<Cdr> calls, Collector<Tuple2<GroupKey, CallCounts>> out) {
      Map<GroupKey, CallCounts> sums = new HashMap<>();
      for (Cdr c : calls) {
        sums.computeIfAbsent(grouping.keyOf(c), k -> new CallCounts()).add(c);
      }
      sums.forEach((k, v) -> out.collect(Tuple2.of(k, v)));
    }
  }

  /** The pipeline from numbered lines to groups, dead letters and duplicate ids. */
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
                    parser.parse(
                        EventKind.CDR, Origin.file(fileName, l.number()), l.bytes(), received))
            .returns(IngestRecord.class)
            .name("parse and validate")
            .uid("parse")
            .process(new SplitByKind())
            .name("split by event type")
            .uid("split-by-kind");

    SingleOutputStreamOperator<Cdr> unique =
        calls
            .keyBy(Cdr::callId)
            .process(new DeduplicateById<Cdr>("calls", Duration.ofDays(3650)), calls.getType())
            .name("drop repeated calls")
            .uid("dedup-calls");

    TypeInformation<Tuple2<GroupKey, CallCounts>> pairType =
        new TupleTypeInfo<>(
            TypeInformation.of(GroupKey.class), TypeInformation.of(CallCounts.class));
    // Each task first sums its own calls per group in memory (a handful of groups per task), so
    // only those partial sums are shuffled and sorted, not every call.
    DataStream<BatchOutput> groups =
        unique
            .fullWindowPartition()
            .mapPartition(new SumPerGroup(grouping))
            .returns(pairType)
            .name("sum per group in each task")
            .uid("partial-sums")
            .keyBy(t -> t.f0)
            .reduce((a, b) -> Tuple2.of(a.f0, a.f1.merge(b.f1)))
            .name("sum per group")
            .uid("sum-per-group")
            .map(t -> BatchOutput.group(t.f0, t.f1))
            .returns(BatchOutput.class)
            .name("group row");

    DataStream<BatchOutput> dead =
        calls
            .getSideOutput(SplitByKind.DEAD_LETTERS)
            .map(BatchOutput::deadLetter)
            .returns(BatchOutput.class);
    DataStream<BatchOutput> dups =
        unique
            .getSideOutput(DeduplicateById.DUPLICATE_IDS)
            .map(BatchOutput::duplicate)
            .returns(BatchOutput.class);
    return groups.union(dead, dups);
  }
}
