package io.hotline.launcher.bench;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.IngestOptions;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench latency}: how long after a call ends its minute row shows it in ClickHouse,
 * with the ingest job running as it does live (early firings, the sink's maximum delay).
 *
 * <p>Calls are produced into Kafka at a steady rate, each at the moment it "ends". A poller reads
 * {@code metrics_minute FINAL} every {@link #POLL_MS} ms; when the row of a (centre, minute) counts
 * n calls, the first n produced for it are visible, and each one's latency is the poll's time minus
 * its send time. The figures thus include up to one poll interval of rounding, and assume that
 * calls of one row are counted in the order they were sent (Kafka keeps the order per partition).
 */
@Command(
    name = "latency",
    mixinStandardHelpOptions = true,
    description = {
      "Produce calls into Kafka at a steady rate (default 10x the simulated national peak) with"
          + " the ingest job running, and print p50/p95/p99/max of the time from a call's end"
          + " reaching Kafka to its minute row counting it in ClickHouse. Needs `hotline stack"
          + " up`."
    })
public final class LatencyBench implements Callable<Integer> {
  /** The simulated national month's busiest minute: 1,317 calls (3 March 2025, 09:43). */
  static final double NATIONAL_PEAK_PER_SECOND = 1317 / 60.0;

  private static final long POLL_MS = 200;
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ChinaTime.OFFSET);

  @Option(names = "--rate", description = "Calls per second; default 10x the national peak (220).")
  double rate = 10 * NATIONAL_PEAK_PER_SECOND;

  @Option(names = "--seconds", description = "How long calls are produced (120).")
  int seconds = 120;

  @Option(names = "--warm-up", description = "Seconds of unmeasured calls (20).")
  int warmUp = 20;

  @Option(
      names = "--sink-max-delay-ms",
      description = "The job's ingest.sink-max-delay-ms (default its own, 1000; 0: checkpoints).")
  Long sinkMaxDelayMs;

  @Option(names = "--var", description = "Stack directory.")
  Path var = Path.of("var");

  /** The produced calls of one metrics_minute row, in send order, until they are seen. */
  private static final class Row {
    final List<Long> sentAt = new ArrayList<>();
    int seen;
  }

  private final Map<String, Row> rows = new HashMap<>();
  private ClickHouseHttp http;
  private final List<Long> latencies = new ArrayList<>();

  /**
   * The figures of one run, in seconds (NaN when no call was seen), and the job's options that bear
   * on them.
   */
  record Result(
      long produced, long seen, double p50, double p95, double p99, double max, IngestOptions job) {
    /** The first row of {@link #print}'s table, without its header. */
    String row(double rate) {
      return String.format(
          Locale.ROOT,
          "| call end in Kafka -> its minute row in ClickHouse, %.0f calls/s | %,d of %,d | %.2f |"
              + " %.2f | %.2f | %.2f |",
          rate,
          seen,
          produced,
          p50,
          p95,
          p99,
          max);
    }
  }

  @Override
  public Integer call() throws Exception {
    print(measure());
    return 0;
  }

  /** Runs the ingest job on fresh topics and a fresh database, and measures the calls' latency. */
  Result measure() throws Exception {
    try (BenchRun run = BenchRun.open(var)) {
      http = run.http();
      // A checkpoint directory of its own: the job resumes from the newest checkpoint it finds,
      // and another run's would bring its topics and state along.
      Path checkpoints = Files.createTempDirectory("hotline-latency-checkpoints");
      IngestOptions options =
          IngestOptions.demo(run.kafka(), run.clickHouse())
              .with(IngestOptions.Option.CHECKPOINT_DIR, checkpoints.toUri().toString());
      if (sinkMaxDelayMs != null) {
        options =
            options.with(IngestOptions.Option.SINK_MAX_DELAY_MS, Duration.ofMillis(sinkMaxDelayMs));
      }
      JobClient job = IngestJob.start(options);
      try (KafkaProducer<byte[], byte[]> producer = producer(run.kafka())) {
        Calls calls = new Calls(centres());
        produce(producer, run.kafka(), calls, warmUp, "12370", false);
        long measuredFrom = System.currentTimeMillis();
        produce(producer, run.kafka(), calls, seconds, "12333", true);
        drain(measuredFrom, Duration.ofSeconds(30));
      } finally {
        job.cancel().get();
        BenchRun.deleteTree(checkpoints);
      }
      return result(options);
    }
  }

  private Result result(IngestOptions options) {
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    long produced = rows.values().stream().mapToLong(r -> r.sentAt.size()).sum();
    return new Result(
        produced,
        sorted.size(),
        seconds(sorted, 0.50),
        seconds(sorted, 0.95),
        seconds(sorted, 0.99),
        seconds(sorted, 1.0),
        options);
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaConfig kafka) {
    Properties p = new Properties();
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The standard table's cities, each a centre. */
  private static List<String> centres() {
    return Regions.standard().cities().stream().map(Region::code).toList();
  }

  /**
   * Sends calls at the rate for some seconds, each ending as it is sent, and — while measuring —
   * polls ClickHouse between sends.
   */
  private void produce(
      KafkaProducer<byte[], byte[]> producer,
      KafkaConfig kafka,
      Calls calls,
      int forSeconds,
      String line,
      boolean measure)
      throws Exception {
    long start = System.currentTimeMillis();
    long end = start + forSeconds * 1000L;
    long sent = 0;
    long nextPoll = start + POLL_MS;
    for (long now = start; now < end; now = System.currentTimeMillis()) {
      long due = (long) ((now - start) * rate / 1000);
      for (; sent < due; sent++) {
        Calls.Call c = calls.next(line, Instant.ofEpochMilli(System.currentTimeMillis()));
        producer.send(
            new ProducerRecord<>(kafka.cdrTopic(), c.json().getBytes(StandardCharsets.UTF_8)));
        if (measure) {
          rows.computeIfAbsent(c.rowKey(), k -> new Row()).sentAt.add(System.currentTimeMillis());
        }
      }
      if (measure && now >= nextPoll) {
        poll(start);
        nextPoll = now + POLL_MS;
      }
      Thread.sleep(5);
    }
    producer.flush();
  }

  /** Polls until every measured call is seen, or the time is up (the rest are reported). */
  private void drain(long from, Duration patience) throws Exception {
    long until = System.currentTimeMillis() + patience.toMillis();
    while (unseen() > 0 && System.currentTimeMillis() < until) {
      poll(from);
      Thread.sleep(POLL_MS);
    }
  }

  private long unseen() {
    return rows.values().stream().mapToLong(r -> r.sentAt.size() - r.seen).sum();
  }

  /** One read of the minute rows: every newly counted call gets its latency. */
  private void poll(long from) throws Exception {
    long since = Instant.ofEpochMilli(from).minus(10, ChronoUnit.MINUTES).getEpochSecond();
    List<List<String>> counted =
        http.query(
            "SELECT center, toUnixTimestamp(minute), sum(total_inbound) FROM metrics_minute FINAL"
                + " WHERE line = '12333' AND minute >= toDateTime("
                + since
                + ") GROUP BY center, minute");
    long now = System.currentTimeMillis();
    for (List<String> r : counted) {
      Row row = rows.get(r.get(0) + " " + r.get(1));
      if (row == null) {
        continue;
      }
      int n = (int) Math.min(Long.parseLong(r.get(2)), row.sentAt.size());
      for (; row.seen < n; row.seen++) {
        latencies.add(now - row.sentAt.get(row.seen));
      }
    }
  }

  private void print(Result r) {
    IngestOptions o = r.job();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "hotline bench latency — %.0f calls/s (%.1fx the national peak of %.1f/s) for %d s, %d"
            + " centres; early firing %d ms, sink max delay %d ms, checkpoints %d ms, poll %d"
            + " ms%n%n",
        rate,
        rate / NATIONAL_PEAK_PER_SECOND,
        NATIONAL_PEAK_PER_SECOND,
        seconds,
        centres().size(),
        o.earlyFiringInterval().toMillis(),
        o.sinkMaxDelay().toMillis(),
        o.checkpointInterval().toMillis(),
        POLL_MS);
    System.out.println("| calls produced | seen | p50 s | p95 s | p99 s | max s |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| %,d | %,d | %.2f | %.2f | %.2f | %.2f |%n",
        r.produced(),
        r.seen(),
        r.p50(),
        r.p95(),
        r.p99(),
        r.max());
    if (r.seen() < r.produced()) {
      System.out.printf(
          Locale.ROOT,
          "%,d calls not counted within 30 s after the last was sent%n",
          r.produced() - r.seen());
    }
  }

  private static double seconds(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1000.0;
  }

  /**
   * Calls that end now: answered after a short wait or abandoned, spread over the centres. Each
   * belongs to the minute row of its {@code queued_at} (the contract's counting instant).
   */
  static final class Calls {
    private final List<String> centres;
    private final SplittableRandom random = new SplittableRandom(1);
    private long n;

    Calls(List<String> centres) {
      this.centres = centres;
    }

    record Call(String json, String rowKey) {}

    Call next(String line, Instant ended) {
      String centre = centres.get(random.nextInt(centres.size()));
      boolean answered = random.nextInt(10) < 8;
      long talk = answered ? random.nextLong(30_000, 240_000) : 0;
      Instant answeredAt = ended.minusMillis(talk);
      Instant queued = answeredAt.minusMillis(random.nextLong(1_000, 40_000));
      Instant arrived = queued.minusMillis(5_000);
      String id = "lat-" + line + "-" + (n++);
      String json =
          "{\"call_id\":\""
              + id
              + "\",\"line\":\""
              + line
              + "\",\"center\":\""
              + centre
              + "\",\"caller\":\"1380000"
              + String.format(Locale.ROOT, "%04d", n % 10_000)
              + "\",\"arrived_at\":\""
              + ISO.format(arrived)
              + "\",\"queued_at\":\""
              + ISO.format(queued)
              + "\",\"answered_at\":"
              + (answered ? "\"" + ISO.format(answeredAt) + "\"" : "null")
              + ",\"ended_at\":\""
              + ISO.format(ended)
              + "\",\"end_reason\":\""
              + (answered ? "completed" : "caller_hangup")
              + "\",\"queue\":\"pension\",\"agent_id\":"
              + (answered ? "\"10001\"" : "null")
              + ",\"topic\":"
              + (answered ? "\"1402\"" : "null")
              + ",\"satisfaction\":null,\"recording_id\":null}";
      long minute = queued.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
      return new Call(json, centre + " " + minute);
    }
  }
}
