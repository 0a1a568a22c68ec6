package io.hotline.launcher.bench;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.IngestOptions;
import io.hotline.jobs.MetricsBatchJob;
import io.hotline.jobs.functions.Grouping;
import io.hotline.launcher.Hotline;
import io.hotline.launcher.UserError;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench ingest}: ingest throughput on simulated data, printed as a table — the
 * parse-only floor, the batch twin, and Kafka → Flink → ClickHouse — measured in one process run on
 * the same CDR file.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print their figures.",
    subcommands = {
      BenchCommand.Ingest.class,
      ReportBench.class,
      DashboardBench.class,
      LatencyBench.class
    })
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError(
        "say which benchmark: `hotline bench ingest`, `report`, `dashboard` or `latency`");
  }

  /** Ingest throughput: parse-only floor, batch twin, streaming into ClickHouse. */
  @Command(
      name = "ingest",
      mixinStandardHelpOptions = true,
      description = {
        "Simulate CDRs, then measure records/s of: parsing only (the floor), the batch twin,"
            + " and Kafka -> Flink -> ClickHouse (needs `hotline stack up`; --skip-kafka to omit)."
      })
  public static final class Ingest implements Callable<Integer> {
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

    @Option(names = "--skip-kafka", description = "Only the file-based stages.")
    boolean skipKafka;

    @Option(
        names = "--skip-ingest-job",
        description =
            "Everything but the Kafka -> Flink -> ClickHouse job, which takes minutes on a"
                + " national month.")
    boolean skipIngestJob;

    @Option(names = "--keep", description = "Keep the simulated files afterwards.")
    boolean keep;

    /** The batch twin's result, the reference the ClickHouse-only peer is checked against. */
    private MetricsBatchJob.Result twin;

    /** "equal" or the first differences between the peer's CSV and the twin's. */
    private String peerComparison;

    @Override
    public Integer call() throws Exception {
      Files.createDirectories(work);
      Path events = work.resolve("events");
      List<Measured> results = new ArrayList<>();
      results.add(simulate(events));
      Path cdr = events.resolve("cdr.jsonl");
      long bytes = Files.size(cdr);
      results.add(
          Measured.of(
              "parse only (floor), " + threads + " threads",
              () -> {
                long[] r = ParseOnly.run(cdr, threads);
                return r[0] + r[1];
              }));
      results.add(
          Measured.of(
              "batch twin (hotline metrics), parallelism " + threads,
              () -> {
                MetricsBatchJob.Result r =
                    MetricsBatchJob.run(
                        cdr,
                        new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER),
                        threads,
                        d -> {});
                twin = r;
                return r.accepted() + r.duplicates() + r.rejected();
              }));
      if (!skipKafka) {
        streaming(cdr, results);
      }
      print(results, bytes);
      if (!keep) {
        for (String f : List.of("cdr.jsonl", "recording.jsonl", "sms.jsonl")) {
          Files.deleteIfExists(events.resolve(f));
        }
      }
      return 0;
    }

    private Measured simulate(Path events) throws Exception {
      return Measured.of(
          "simulate " + scale + " " + from + "…" + to + " to files",
          () -> {
            int code =
                Hotline.run(
                    "simulate",
                    "--from",
                    from,
                    "--to",
                    to,
                    "--scale",
                    scale,
                    "--seed",
                    Long.toString(seed),
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

    private void streaming(Path cdr, List<Measured> results) throws Exception {
      try (BenchRun run = BenchRun.open(var)) {
        streaming(cdr, run, results);
      }
    }

    private void streaming(Path cdr, BenchRun run, List<Measured> results) throws Exception {
      KafkaConfig kafka = run.kafka();
      ClickHouseConfig clickHouse = run.clickHouse();
      clickHousePeer(cdr, clickHouse, results);
      results.add(Measured.of("produce the CDR file into Kafka", () -> produce(cdr, kafka)));
      if (skipIngestJob) {
        return;
      }
      IngestOptions options =
          IngestOptions.demo(kafka, clickHouse).untilCaughtUp(true).withRestartAttempts(0);
      results.add(
          Measured.of(
              "Kafka -> Flink -> ClickHouse (ingest job)",
              () -> {
                IngestJob.run(options);
                return countLines(cdr);
              }));
      long stored =
          Long.parseLong(
              new ClickHouseHttp(clickHouse)
                  .query("SELECT count() FROM calls FINAL")
                  .get(0)
                  .get(0));
      System.err.printf(
          Locale.ROOT, "calls stored in ClickHouse (database %s): %,d%n", run.name(), stored);
    }

    /**
     * The ClickHouse-only peer: raw lines in with JSONEachRow (ingest-to-queryable: a MergeTree
     * part is queryable when its insert returns), then the one query, checked against the twin.
     */
    private void clickHousePeer(Path cdr, ClickHouseConfig clickHouse, List<Measured> results)
        throws Exception {
      ClickHousePeer peer = new ClickHousePeer(clickHouse);
      peer.createTable();
      long[] loaded = new long[1];
      results.add(
          Measured.of(
              "ClickHouse only: JSONEachRow load, " + threads + " inserts",
              () -> loaded[0] = peer.load(cdr, threads)));
      List<MetricsBatchJob.Row> rows = new ArrayList<>();
      results.add(
          Measured.of(
              "ClickHouse only: one query (day x centre)",
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

    private void print(List<Measured> results, long cdrBytes) {
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "hotline bench ingest — %s %s…%s, seed %d, CDR file %,d MiB, %d cores, max heap %,d MiB%n%n",
          scale,
          from,
          to,
          seed,
          cdrBytes >> 20,
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.println(Measured.header());
      for (Measured m : results) {
        System.out.println(m.row());
      }
      Measured floor = results.get(1);
      for (Measured m : results.subList(2, results.size())) {
        if (m.stage().startsWith("ClickHouse only")) {
          continue; // a part of a pipeline, not one
        }
        System.out.printf(
            Locale.ROOT,
            "%s: %.0f%% of the parse-only floor%n",
            m.stage(),
            100 * m.perSecond() / floor.perSecond());
      }
      if (twin != null) {
        System.out.printf(
            Locale.ROOT,
            "batch twin: the Flink job alone %.1f s (%,.0f records/s, %.0f%% of the floor); the"
                + " rest of its wall time is MiniCluster start-up and stop%n",
            twin.jobSeconds(),
            results.get(2).records() / twin.jobSeconds(),
            100 * results.get(2).records() / twin.jobSeconds() / floor.perSecond());
      }
      List<Measured> peer =
          results.stream().filter(m -> m.stage().startsWith("ClickHouse only")).toList();
      if (peer.size() == 2) {
        double all = peer.get(0).seconds() + peer.get(1).seconds();
        System.out.printf(
            Locale.ROOT,
            "ClickHouse only: ingest to queryable %.1f s, query %.1f s, in all %.1f s (%,.0f"
                + " records/s); against the batch twin's CSV: %s%n",
            peer.get(0).seconds(),
            peer.get(1).seconds(),
            all,
            peer.get(0).records() / all,
            peerComparison);
      }
    }
  }
}
