package io.hotline.launcher;

import io.hotline.launcher.bench.BenchCommand;
import io.hotline.launcher.dashboard.DashboardCommand;
import io.hotline.launcher.demo.DemoCommand;
import io.hotline.launcher.jobs.JobsCommand;
import io.hotline.launcher.jobs.MetricsCommand;
import io.hotline.launcher.report.AuditCommand;
import io.hotline.launcher.report.ReportCommand;
import io.hotline.launcher.report.TrendsCommand;
import io.hotline.launcher.simulate.SimulateCommand;
import io.hotline.launcher.stack.StackCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hotline} command: one entry point for the operator, with a subcommand per task. */
@Command(
    name = "hotline",
    mixinStandardHelpOptions = true,
    version = "hotline 0.1.0",
    description = "Analytics and quality monitoring for the 12333 / 12370 / 12385 hotlines.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      StackCommand.class,
      SimulateCommand.class,
      JobsCommand.class,
      MetricsCommand.class,
      ReportCommand.class,
      TrendsCommand.class,
      AuditCommand.class,
      DashboardCommand.class,
      BenchCommand.class
    })
public final class Hotline implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, so tests can call it in-process. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Hotline());
    cl.setExecutionExceptionHandler(new UserErrorHandler());
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
