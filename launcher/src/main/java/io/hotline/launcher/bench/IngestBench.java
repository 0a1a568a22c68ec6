package io.hotline.launcher.bench;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.IngestOptions;
import io.hotline.jobs.MetricsBatchJob;
import io.hotline.jobs.functions.Grouping;
import io.hotline.launcher.Hotline;
import io.hotline.launcher.UserError;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench ingest}: ingest throughput on simulated data, printed as a table — the
 * parse-only floor, the batch twin, the ClickHouse-only peer and Kafka → Flink → ClickHouse —
 * measured in one process run on the same CDR file. {@code hotline bench} runs these stages and
 * more around them.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate CDRs, then measure records/s of: parsing only (the floor), the batch twin,"
          + " and Kafka -> Flink -> ClickHouse (needs `hotline stack up`; --skip-kafka to omit)."
    })
public final class IngestBench implements Callable<Integer> {
  @Mixin BenchData data = new BenchData();

  @Option(names = "--skip-kafka", description = "Only the file-based stages.")
  boolean skipKafka;

  @Option(
      names = "--skip-ingest-job",
      description =
          "Everything but the Kafka -> Flink -> ClickHouse job, which takes minutes on a"
              + " national month.")
  boolean skipIngestJob;

  /** Stages that need the calls the ingest job stored, run before the run's database is dropped. */
  interface AfterIngest {
    void run(BenchRun run, List<Measured> results) throws Exception;
  }

  AfterIngest afterIngest = (run, results) -> {};

  /** The figures of one run: the stages in order, and what they are compared by. */
  record Figures(
      List<Measured> stages,
      long cdrBytes,
      MetricsBatchJob.Result twin,
      String peerComparison,
      long callsStored,
      long largestCheckpointBytes,
      int checkpoints) {

    Optional<Measured> stage(String prefix) {
      return stages.stream().filter(m -> m.stage().startsWith(prefix)).findFirst();
    }

    Measured floor() {
      return stage(FLOOR).orElseThrow();
    }

    Optional<Measured> ingestJob() {
      return stage(INGEST_JOB);
    }

    /** The batch twin's records per second of its Flink job alone, without start-up and stop. */
    double twinJobPerSecond() {
      return stage(TWIN).orElseThrow().records() / twin.jobSeconds();
    }

    /** The ClickHouse-only peer's ingest-to-queryable plus query time, if it ran. */
    OptionalDouble peerSeconds() {
      Optional<Measured> load = stage(PEER_LOAD);
      Optional<Measured> query = stage(PEER_QUERY);
      return load.isPresent() && query.isPresent()
          ? OptionalDouble.of(load.get().seconds() + query.get().seconds())
          : OptionalDouble.empty();
    }
  }

  static final String FLOOR = "parse only (floor)";
  static final String TWIN = "batch twin (hotline metrics)";
  static final String PEER_LOAD = "ClickHouse only: JSONEachRow load";
  static final String PEER_QUERY = "ClickHouse only: one query";
  static final String INGEST_JOB = "Kafka -> Flink -> ClickHouse (ingest job)";

  // The batch twin's result, the reference the ClickHouse-only peer is checked against.
  private MetricsBatchJob.Result twin;

  // "equal" or the first differences between the peer's CSV and the twin's.
  private String peerComparison;

  private long callsStored = -1;
  private long largestCheckpoint = -1;
  private int checkpointCount;

  @Override
  public Integer call() throws Exception {
    print(measure(), data, "hotline bench ingest");
    return 0;
  }

  /** Simulates the data and runs every stage on it; the simulated files go afterwards. */
  Figures measure() throws Exception {
    Files.createDirectories(data.work);
    Path events = data.work.resolve("events");
    List<Measured> results = new ArrayList<>();
    results.add(simulate(events));
    Path cdr = events.resolve("cdr.jsonl");
    long bytes = Files.size(cdr);
    results.add(
        Measured.of(
            FLOOR + ", " + data.threads + " threads",
            () -> {
              long[] r = ParseOnly.run(cdr, data.threads);
              return r[0] + r[1];
            }));
    results.add(
        Measured.of(
            TWIN + ", parallelism " + data.threads,
            () -> {
              MetricsBatchJob.Result r =
                  MetricsBatchJob.run(
                      cdr,
                      new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER),
                      data.threads,
                      d -> {});
              twin = r;
              return r.accepted() + r.duplicates() + r.rejected();
            }));
    if (!skipKafka) {
      try (BenchRun run = BenchRun.open(data.var)) {
        streaming(cdr, run, results);
      }
    }
    if (!data.keep) {
      for (String f : List.of("cdr.jsonl", "recording.jsonl", "sms.jsonl")) {
        Files.deleteIfExists(events.resolve(f));
      }
    }
    return new Figures(
        results, bytes, twin, peerComparison, callsStored, largestCheckpoint, checkpointCount);
  }

  private Measured simulate(Path events) throws Exception {
    return Measured.of(
        "simulate " + data.scale + " " + data.from + "…" + data.to + " to files",
        () -> {
          int code =
              Hotline.run(
                  "simulate",
                  "--from",
                  data.from,
                  "--to",
                  data.to,
                  "--scale",
                  data.scale,
                  "--seed",
                  Long.toString(data.seed),
                  "--out",
                  events.toString());
          if (code != 0) {
            throw new UserError("simulation failed (exit " + code + ")");
          }
          return countLines(events.resolve("cdr.jsonl"))
              + countLines(events.resolve("recording.jsonl"))
              + countLines(events.resolve("sms.jsonl"));
        });
  }

  private void streaming(Path cdr, BenchRun run, List<Measured> results) throws Exception {
    KafkaConfig kafka = run.kafka();
    ClickHouseConfig clickHouse = run.clickHouse();
    clickHousePeer(cdr, clickHouse, results);
    results.add(Measured.of("produce the CDR file into Kafka", () -> produce(cdr, kafka)));
    if (skipIngestJob) {
      return;
    }
    Path checkpoints = Files.createTempDirectory("hotline-bench-checkpoints");
    IngestOptions options =
        data.job(kafka, clickHouse)
            .untilCaughtUp(true)
            .withRestartAttempts(0)
            .with(IngestOptions.Option.CHECKPOINT_DIR, checkpoints.toUri().toString());
    try (CheckpointWatch watch = CheckpointWatch.of(checkpoints)) {
      results.add(
          Measured.of(
              INGEST_JOB,
              () -> {
                IngestJob.run(options);
                return countLines(cdr);
              }));
      largestCheckpoint = watch.largestBytes();
      checkpointCount = watch.checkpoints();
    } finally {
      BenchRun.deleteTree(checkpoints);
    }
    callsStored = Long.parseLong(run.http().query("SELECT count() FROM calls FINAL").get(0).get(0));
    afterIngest.run(run, results);
  }

  /**
   * The ClickHouse-only peer: raw lines in with JSONEachRow (ingest-to-queryable: a MergeTree part
   * is queryable when its insert returns), then the one query, checked against the twin.
   */
  private void clickHousePeer(Path cdr, ClickHouseConfig clickHouse, List<Measured> results)
      throws Exception {
    ClickHousePeer peer = new ClickHousePeer(clickHouse);
    peer.createTable();
    long[] loaded = new long[1];
    results.add(
        Measured.of(
            PEER_LOAD + ", " + data.threads + " inserts",
            () -> loaded[0] = peer.load(cdr, data.threads)));
    List<MetricsBatchJob.Row> rows = new ArrayList<>();
    results.add(
        Measured.of(
            PEER_QUERY + " (day x centre)",
            () -> {
              rows.addAll(peer.query());
              return loaded[0];
            }));
    peerComparison = ClickHousePeer.compare(twin.rows(), rows);
  }

  private static long produce(Path cdr, KafkaConfig kafka) throws Exception {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "20");
    // Half the broker's default largest message: the producer fills batches to this size after
    // compression, and a full 1 MiB batch was refused (MESSAGE_TOO_LARGE), split and sent again.
    p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
    p.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
    long n = 0;
    try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        BufferedReader in = Files.newBufferedReader(cdr, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        producer.send(
            new ProducerRecord<>(kafka.cdrTopic(), line.getBytes(StandardCharsets.UTF_8)));
        n++;
      }
      producer.flush();
    }
    return n;
  }

  private static long countLines(Path file) throws Exception {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }

  /** The stages as a table, and how each pipeline compares with the floor and the peer. */
  static void print(Figures f, BenchData data, String title) {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%s — %s, CDR file %,d MiB, %d cores, max heap %,d MiB%n%n",
        title,
        data.describe(),
        f.cdrBytes() >> 20,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println(Measured.header());
    for (Measured m : f.stages()) {
      System.out.println(m.row());
    }
    Measured floor = f.floor();
    for (Measured m : f.stages()) {
      if (m.stage().startsWith(TWIN)
          || m.stage().startsWith(INGEST_JOB)
          || m.stage().startsWith("produce")) {
        System.out.printf(
            Locale.ROOT,
            "%s: %.0f%% of the parse-only floor%n",
            m.stage(),
            100 * m.perSecond() / floor.perSecond());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "batch twin: the Flink job alone %.1f s (%,.0f records/s, %.0f%% of the floor); the rest of"
            + " its wall time is MiniCluster start-up and stop%n",
        f.twin().jobSeconds(),
        f.twinJobPerSecond(),
        100 * f.twinJobPerSecond() / floor.perSecond());
    f.peerSeconds()
        .ifPresent(
            all ->
                System.out.printf(
                    Locale.ROOT,
                    "ClickHouse only: ingest to queryable %.1f s, query %.1f s, in all %.1f s"
                        + " (%,.0f records/s); against the batch twin's CSV: %s%n",
                    f.stage(PEER_LOAD).orElseThrow().seconds(),
                    f.stage(PEER_QUERY).orElseThrow().seconds(),
                    all,
                    f.stage(PEER_LOAD).orElseThrow().records() / all,
                    f.peerComparison()));
    if (f.callsStored() >= 0) {
      System.out.printf(Locale.ROOT, "calls stored in ClickHouse: %,d%n", f.callsStored());
    }
    if (f.largestCheckpointBytes() >= 0) {
      System.out.printf(
          Locale.ROOT,
          "ingest job state: largest complete checkpoint %,d MiB (a full copy of all keyed state:"
              + " ids seen, open minutes, joins, alert tallies), %d checkpoints taken%n",
          f.largestCheckpointBytes() >> 20,
          f.checkpoints());
    }
  }
}
