package io.hotline.launcher.report;

import io.hotline.launcher.UserError;
import io.hotline.launcher.stack.StackCommand;
import io.hotline.launcher.stack.StackState;
import io.hotline.reports.ReportError;
import io.hotline.reports.annual.AnnualReports;
import io.hotline.reports.annual.ReportScope;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.Migrations;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline report}: the documents the regulations ask for, made from ClickHouse. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Reports the regulations ask for, from the data in ClickHouse.",
    subcommands = {ReportCommand.Annual.class})
public final class ReportCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("say which report: `hotline report annual`");
  }

  /** Where the data is: the local stack's ClickHouse unless a URL is given. */
  public static final class Source {
    @Option(
        names = "--clickhouse-url",
        paramLabel = "URL",
        description = "ClickHouse HTTP URL (default: the local stack's, see `hotline stack up`).")
    String url;

    @Option(names = "--database", paramLabel = "DB", description = "Database (default: hotline).")
    String database;

    @Option(
        names = "--var",
        defaultValue = StackCommand.DEFAULT_VAR,
        description = "Local stack directory.")
    Path var = Path.of(StackCommand.DEFAULT_VAR);

    /** The local stack's ClickHouse under {@code var}. */
    public static Source ofStack(Path var) {
      Source s = new Source();
      s.var = var;
      return s;
    }

    /** The stack's ClickHouse (or the one named), migrated. */
    public ClickHouseHttp clickHouse() {
      ClickHouseConfig config = config();
      try {
        // The report's daily tables are migrations too; a database written by an older
        // version gets them here.
        Migrations.apply(config);
      } catch (java.sql.SQLException | RuntimeException e) {
        throw new UserError(
            "cannot reach ClickHouse at " + config.url() + ": " + e.getMessage(), e);
      }
      return new ClickHouseHttp(config);
    }

    /** The ClickHouse named on the command line, or else the stack's; a bad value is a sentence. */
    private ClickHouseConfig config() {
      try {
        ClickHouseConfig config =
            url != null
                ? ClickHouseConfig.defaults().withUrl(url)
                : StackState.find(var)
                    .map(StackState::clickHouse)
                    .orElseThrow(
                        () ->
                            new UserError(
                                "no local stack is running: start one with `hotline stack up`, or"
                                    + " give --clickhouse-url"));
        return database == null ? config : config.withDatabase(database);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
    }
  }

  /** Which report: one province, the nation, or every province and the nation. */
  static final class Scope {
    @Option(names = "--province", paramLabel = "CODE", description = "Province code, e.g. 320000.")
    String province;

    @Option(names = "--national", description = "The ministry's roll-up over all provinces.")
    boolean national;

    @Option(names = "--all", description = "Every province with data, and the national roll-up.")
    boolean all;
  }

  /** {@code hotline report annual}: the 20-March usage report. */
  @Command(
      name = "annual",
      mixinStandardHelpOptions = true,
      description = {
        "The annual usage report on the 12333 and 12370 numbers (voice and SMS) that provinces"
            + " file by 20 March: a .docx report and an .xlsx data annex per province, or the"
            + " national roll-up.",
        "Example: hotline report annual --year 2025 --province 320000 --out reports/"
      })
  public static final class Annual implements Callable<Integer> {
    @Option(names = "--year", required = true, description = "The year reported on, e.g. 2025.")
    int year;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(
        names = "--threads",
        defaultValue = "2",
        description = "Reports written at once with --all. Default: ${DEFAULT-VALUE}.")
    int threads;

    @ArgGroup(exclusive = false)
    Source source = new Source();

    @Override
    public Integer call() throws IOException {
      long start = System.nanoTime();
      AnnualReports reports = new AnnualReports(source.clickHouse());
      Regions regions = Regions.standard();
      try {
        if (scope.all) {
          AnnualReports.Run run = reports.writeAll(year, out, threads);
          run.written().forEach(Annual::print);
          if (!run.withoutData().isEmpty()) {
            int n = run.withoutData().size();
            System.err.println(
                "hotline: no "
                    + year
                    + " data for "
                    + (n <= 5
                        ? run.withoutData().stream()
                            .map(Region::name)
                            .collect(Collectors.joining("、"))
                        : n + " of " + regions.provinces().size() + " provinces")
                    + " (named in the national report)");
          }
          System.err.printf(
              "hotline: %d reports in %.1f s (roll-up rebuilt %d months)%n",
              run.written().size(),
              (System.nanoTime() - start) / 1e9,
              run.rollup().monthsRebuilt().size());
        } else {
          ReportScope s =
              scope.national
                  ? ReportScope.nation(regions)
                  : ReportScope.province(scope.province, regions);
          print(reports.write(s, year, out));
          System.err.printf(
              "hotline: report written in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
      } catch (ReportError e) {
        throw new UserError(e.getMessage(), e);
      }
      return 0;
    }

    private static void print(AnnualReports.Written w) {
      System.out.println(w.report());
      System.out.println(w.annex());
    }
  }
}
