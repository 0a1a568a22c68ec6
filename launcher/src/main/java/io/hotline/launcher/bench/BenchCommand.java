package io.hotline.launcher.bench;

import io.hotline.dashboards.DashboardConfig;
import io.hotline.dashboards.DashboardServer;
import io.hotline.dashboards.auth.Role;
import io.hotline.dashboards.auth.Users;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench}: every benchmark in one process run on one simulated month, printed as one
 * set of tables with the targets they are held to. The stages: simulation, the parse-only floor,
 * the batch twin, the ClickHouse-only peer, Kafka → Flink → ClickHouse; then, over the calls the
 * ingest job stored, every annual report and the dashboard's JSON API; last, end-to-end latency on
 * fresh topics. Each part is also a subcommand of its own.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run every benchmark on one simulated month (default: the nation, March 2025) and print"
          + " one table: ingest records/s, CPU and peak heap of the floor, the batch twin, the"
          + " ClickHouse-only peer and Kafka -> Flink -> ClickHouse; report generation; dashboard"
          + " p50/p95/p99; end-to-end latency p50/p99; and the targets. Needs `hotline stack up`."
          + " A national month takes about 9–12 minutes.",
      "The subcommands run one part each."
    },
    subcommands = {IngestBench.class, ReportBench.class, DashboardBench.class, LatencyBench.class})
public final class BenchCommand implements Callable<Integer> {
  @Mixin BenchData data = new BenchData();

  @Option(
      names = "--latency-seconds",
      description = "Seconds of measured calls for the latency (${DEFAULT-VALUE}).")
  int latencySeconds = 60;

  @Option(
      names = "--dashboard-rounds",
      description = "Requests per kind for the dashboard (${DEFAULT-VALUE}).")
  int dashboardRounds = 20;

  /** Targets of the issue that asked for these figures. */
  static final double TWIN_RECORDS_PER_SECOND = 500_000;

  static final double SHARE_OF_FLOOR = 0.5;
  static final double LATENCY_P99_SECONDS = 5;

  private List<DashboardBench.Quantiles> dashboard = List.of();

  @Override
  public Integer call() throws Exception {
    IngestBench ingest = new IngestBench();
    ingest.data = data;
    ingest.afterIngest = this::overStoredCalls;
    IngestBench.Figures figures = ingest.measure();
    LatencyBench latency = new LatencyBench();
    latency.var = data.var;
    latency.seconds = latencySeconds;
    LatencyBench.Result late = latency.measure();

    IngestBench.print(figures, data, "hotline bench");
    printTimes(late, latency.rate);
    printTargets(figures, late);
    return 0;
  }

  /**
   * The reports (stages after the ingest job's) and the dashboard, over the calls the ingest job
   * stored in the run's database.
   */
  private void overStoredCalls(BenchRun run, List<Measured> results) throws Exception {
    results.addAll(
        ReportBench.measure(run.http(), data.year(), data.work.resolve("reports"), data.threads));
    dashboard = dashboard(run);
  }

  /** A dashboard served from this process over the run's database, asked from a client here. */
  private List<DashboardBench.Quantiles> dashboard(BenchRun run) throws Exception {
    Path usersFile = Files.createTempFile("hotline-bench-users", ".properties");
    try {
      byte[] secret = new byte[12];
      new SecureRandom().nextBytes(secret);
      String password = HexFormat.of().formatHex(secret);
      Files.writeString(
          usersFile,
          Users.line("bench", Role.MINISTRY, "000000", password.toCharArray()) + "\n",
          StandardCharsets.UTF_8);
      DashboardConfig config = DashboardConfig.defaults().withPort(0).withUsersFile(usersFile);
      try (DashboardServer server =
          new DashboardServer(config, Users.load(usersFile), run.http(), Clock.systemUTC())
              .start()) {
        DashboardBench client = new DashboardBench();
        client.url = "http://127.0.0.1:" + server.port();
        client.user = "bench";
        client.password = password;
        client.year = data.year();
        client.rounds = dashboardRounds;
        return client.measure();
      }
    } finally {
      Files.deleteIfExists(usersFile);
    }
  }

  private void printTimes(LatencyBench.Result late, double rate) {
    System.out.println();
    System.out.println("| latency and response times | n | p50 | p95 | p99 | max |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.println(late.row(rate));
    for (DashboardBench.Quantiles q : dashboard) {
      System.out.printf(
          Locale.ROOT,
          "| dashboard API: %s, ms | %d | %.0f | %.0f | %.0f | |%n",
          q.kind(),
          q.n(),
          q.p50(),
          q.p95(),
          q.p99());
    }
  }

  /** Each target beside what this run reached. */
  private static void printTargets(IngestBench.Figures f, LatencyBench.Result late) {
    Measured floor = f.floor();
    Measured twin = f.stage(IngestBench.TWIN).orElseThrow();
    Optional<Measured> job = f.ingestJob();
    System.out.println();
    System.out.println("| target | reached | met |");
    System.out.println("|---|---|---|");
    target(
        "batch twin >= 500,000 CDR/s",
        String.format(Locale.ROOT, "%,.0f CDR/s", twin.perSecond()),
        twin.perSecond() >= TWIN_RECORDS_PER_SECOND);
    target(
        "batch twin >= 50% of the parse-only floor",
        String.format(
            Locale.ROOT,
            "%.0f%% (the Flink job alone %.0f%%)",
            100 * twin.perSecond() / floor.perSecond(),
            100 * f.twinJobPerSecond() / floor.perSecond()),
        twin.perSecond() >= SHARE_OF_FLOOR * floor.perSecond());
    job.ifPresent(
        j ->
            target(
                "Kafka -> Flink -> ClickHouse >= 50% of the parse-only floor",
                String.format(Locale.ROOT, "%.1f%%", 100 * j.perSecond() / floor.perSecond()),
                j.perSecond() >= SHARE_OF_FLOOR * floor.perSecond()));
    f.peerSeconds()
        .ifPresent(
            peer -> {
              target(
                  "batch twin ahead of the ClickHouse-only peer (ingest to queryable result)",
                  String.format(Locale.ROOT, "%.1f s against %.1f s", twin.seconds(), peer),
                  twin.seconds() < peer);
              job.ifPresent(
                  j ->
                      target(
                          "Kafka -> Flink -> ClickHouse ahead of the ClickHouse-only peer",
                          String.format(Locale.ROOT, "%.1f s against %.1f s", j.seconds(), peer),
                          j.seconds() < peer));
            });
    target(
        "end-to-end p99 latency < 5 s",
        String.format(
            Locale.ROOT,
            "%.2f s (%,d of %,d calls seen)",
            late.p99(),
            late.seen(),
            late.produced()),
        late.p99() < LATENCY_P99_SECONDS && late.seen() == late.produced());
  }

  private static void target(String what, String reached, boolean met) {
    System.out.printf("| %s | %s | %s |%n", what, reached, met ? "yes" : "**no**");
  }
}
