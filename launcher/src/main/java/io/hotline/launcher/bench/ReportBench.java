package io.hotline.launcher.bench;

import io.hotline.launcher.UserError;
import io.hotline.reports.ReportError;
import io.hotline.reports.annual.AnnualReports;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.clickhouse.Migrations;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench report}: how long every province's annual report plus the national one take
 * over the data in ClickHouse, cold (the daily tables rebuilt from the calls) and warm (nothing
 * changed since the last run), with the rows behind them.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Time `hotline report annual --all` over a database holding a simulated year (load one with"
          + " `hotline simulate --scale nation --clickhouse ...`): first with the daily tables"
          + " rebuilt from the calls, then again with them up to date."
    })
public final class ReportBench implements Callable<Integer> {
  @Option(names = "--year", defaultValue = "2025")
  int year;

  @Option(names = "--clickhouse-url", required = true, paramLabel = "URL")
  String url;

  @Option(names = "--database", required = true, paramLabel = "DB")
  String database;

  @Option(names = "--out", defaultValue = "var/bench/reports", paramLabel = "DIR")
  Path out;

  @Option(names = "--threads", defaultValue = "2")
  int threads;

  @Override
  public Integer call() throws Exception {
    ClickHouseConfig config = ClickHouseConfig.defaults().withUrl(url).withDatabase(database);
    Migrations.apply(config);
    ClickHouseHttp clickHouse = new ClickHouseHttp(config);
    List<Measured> stages;
    try {
      stages = measure(clickHouse, year, out, threads);
    } catch (ReportError e) {
      throw new UserError(e.getMessage(), e);
    }
    // Every stage counts the calls rows the reports read; measuring counted them once.
    System.out.printf("calls rows in %d-%d: %,d%n%n", year - 1, year, stages.get(0).records());
    System.out.println(Measured.header());
    for (Measured m : stages) {
      System.out.println(m.row());
    }
    System.out.println();
    System.out.println("records = calls rows of the two years read for year-on-year figures");
    return 0;
  }

  /**
   * Every report of {@code year} (all provinces and the nation) written into {@code out} twice,
   * first with the daily tables rebuilt from the calls, then with them current, and the roll-up's
   * check alone; each stage's records are the calls rows of the two years the reports read.
   */
  static List<Measured> measure(ClickHouseHttp clickHouse, int year, Path out, int threads)
      throws Exception {
    long calls = calls(clickHouse, year);
    // Forget the roll-up's ledger so the first run rebuilds every month from the calls.
    clickHouse.execute("TRUNCATE TABLE rollup_days");
    List<Measured> stages = new ArrayList<>();
    stages.add(
        reports(
            clickHouse, "reports --all, cold (daily tables rebuilt)", calls, year, out, threads));
    stages.add(
        reports(
            clickHouse, "reports --all, warm (daily tables current)", calls, year, out, threads));
    stages.add(
        Measured.of(
            "roll-up check alone (nothing changed)",
            () ->
                new DailyRollup(clickHouse)
                    .refresh(LocalDate.of(year - 1, 1, 1), LocalDate.of(year, 12, 31))
                    .daysWithData()));
    return stages;
  }

  private static long calls(ClickHouseHttp clickHouse, int year) throws Exception {
    return Long.parseLong(
        clickHouse
            .query(
                "SELECT count() FROM calls WHERE day BETWEEN '"
                    + LocalDate.of(year - 1, 1, 1)
                    + "' AND '"
                    + LocalDate.of(year, 12, 31)
                    + "'")
            .get(0)
            .get(0));
  }

  private static Measured reports(
      ClickHouseHttp clickHouse, String stage, long calls, int year, Path out, int threads)
      throws Exception {
    return Measured.of(
        stage,
        () -> {
          AnnualReports.Run run = new AnnualReports(clickHouse).writeAll(year, out, threads);
          System.err.printf(
              "%s: %d reports, %d months rebuilt, %d areas without data%n",
              stage,
              run.written().size(),
              run.rollup().monthsRebuilt().size(),
              run.withoutData().size());
          return calls;
        });
  }
}
