package io.hotline.launcher.demo;

import io.hotline.dashboards.DashboardServer;
import io.hotline.dashboards.auth.Role;
import io.hotline.dashboards.auth.Users;
import io.hotline.launcher.Hotline;
import io.hotline.launcher.UserError;
import io.hotline.launcher.dashboard.DashboardCommand;
import io.hotline.launcher.report.ReportCommand;
import io.hotline.launcher.stack.StackState;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricFormat;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline demo}: the whole product on one machine. Starts the local stack (ClickHouse and
 * Kafka), simulates a month of calls for a few centres into Kafka, runs the ingest job in a local
 * Flink MiniCluster until it has read everything, and prints the month's figures per centre from
 * ClickHouse with the shared metric definitions.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the local stack, simulate a month of calls, ingest them, show the figures.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--var", defaultValue = "var", description = "Stack directory (default: var).")
  Path var;

  @Option(names = "--from", defaultValue = "2025-03-01", description = "First simulated day.")
  String from;

  @Option(names = "--to", defaultValue = "2025-03-31", description = "Last simulated day.")
  String to;

  @Option(
      names = "--centers",
      defaultValue = "320100,320500,110100,440300",
      description = "Centres to simulate (default: Nanjing, Suzhou, Beijing, Shenzhen).")
  String centers;

  @Option(
      names = "--no-serve",
      description = "Finish after the reports instead of serving the dashboard until Ctrl-C.")
  boolean noServe;

  @Option(names = "--port", defaultValue = "8080", description = "Dashboard port.")
  int port;

  // Demo logins only: the demo's users file is separate from a real one.
  private static final String DEMO_PASSWORD = "hotline-demo";
  private static final String[][] DEMO_USERS = {
    {"ministry", "MINISTRY", "000000"},
    {"jiangsu", "PROVINCE", "320000"},
    {"auditor", "AUDITOR", "320000"},
    {"operator", "OPERATOR", "000000"}
  };

  @Option(names = "--seed", defaultValue = "2025", description = "Simulation seed.")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    step(out, "1/6 starting the local stack (ClickHouse, Kafka)");
    run("stack", "up", "--var", var.toString());
    StackState stack = StackState.load(var);

    step(out, "2/6 simulating calls " + from + " … " + to + " for " + centers + " into Kafka");
    run(
        "simulate",
        "--from",
        from,
        "--to",
        to,
        "--centers",
        centers,
        "--seed",
        Long.toString(seed),
        "--kafka",
        "--bootstrap",
        stack.kafka().bootstrapServers());

    step(out, "3/6 ingesting with Flink (local MiniCluster) until caught up");
    run("jobs", "run", "--var", var.toString(), "--until-caught-up", "--demo");

    step(out, "4/6 the simulated period per line and centre (from ClickHouse)");
    printSummary(new ClickHouseHttp(stack.clickHouse()), out);

    Path reports = var.resolve("demo-reports");
    step(
        out,
        "5/5 sample annual usage reports (each province with data, and national) in " + reports);
    run(
        "report",
        "annual",
        "--year",
        Integer.toString(LocalDate.parse(from).getYear()),
        "--all",
        "--out",
        reports.toString(),
        "--var",
        var.toString());
    if (!noServe) {
      step(out, "6/6 the dashboard");
      Path users = var.resolve("demo-users.properties");
      if (!Files.exists(users)) {
        for (String[] u : DEMO_USERS) {
          DashboardCommand.addLine(
              users, Users.line(u[0], Role.valueOf(u[1]), u[2], DEMO_PASSWORD.toCharArray()));
        }
      }
      DashboardServer server =
          DashboardCommand.start(port, users, ReportCommand.Source.ofStack(var));
      out.println(
          "Dashboard: http://127.0.0.1:"
              + server.port()
              + "/  — demo logins (password "
              + DEMO_PASSWORD
              + "): ministry, jiangsu (江苏省 only), auditor, operator");
    }
    out.println();
    out.println("The stack keeps running: `hotline stack status`, `hotline stack down` to stop.");
    out.println(
        "ClickHouse: "
            + stack.clickHouse().url()
            + " (database "
            + stack.clickHouse().database()
            + ")");
    if (!noServe) {
      out.println("Serving the dashboard until Ctrl-C.");
      new CountDownLatch(1).await();
    }
    return 0;
  }

  private static void run(String... args) {
    int code = Hotline.run(args);
    if (code != 0) {
      throw new UserError("`hotline " + String.join(" ", args) + "` failed (exit " + code + ")");
    }
  }

  private static void step(PrintStream out, String text) {
    out.println();
    out.println("== " + text);
  }

  static void printSummary(ClickHouseHttp ch, PrintStream out) throws Exception {
    List<List<String>> rows =
        ch.query(
            "SELECT line, center, "
                + CallCountsSql.fromCalls()
                + " FROM calls FINAL GROUP BY line, center ORDER BY line, center");
    List<Metric> shown =
        List.of(
            Metric.ANSWER_RATE,
            Metric.ABANDON_RATE,
            Metric.SL15,
            Metric.ASA_S,
            Metric.AHT_S,
            Metric.SATISFACTION_RATE);
    out.printf(
        Locale.ROOT,
        "%-6s %-10s %9s %8s %8s %9s %8s %6s %6s %6s %7s%n",
        "line",
        "centre",
        "inbound",
        "offered",
        "answered",
        "接通率",
        "放弃率",
        "SL15",
        "ASA s",
        "AHT s",
        "满意率");
    for (List<String> r : rows) {
      CallCounts c = CallCountsSql.read(r.subList(2, r.size()));
      String name = Regions.standard().find(r.get(1)).map(Region::name).orElse(r.get(1));
      StringBuilder metrics = new StringBuilder();
      for (Metric m : shown) {
        metrics.append(String.format(Locale.ROOT, " %8s", MetricFormat.format(m, m.of(c))));
      }
      out.printf(
          Locale.ROOT,
          "%-6s %-10s %9d %8d %8d%s%n",
          r.get(0),
          name,
          c.totalInbound,
          c.offered,
          c.answered,
          metrics);
    }
  }
}
