package io.hotline.launcher.jobs;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.IngestOptions;
import io.hotline.launcher.UserError;
import io.hotline.launcher.stack.StackState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline jobs run}: the ingest job in a local Flink MiniCluster, against the stack. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "Run the streaming jobs in a local Flink MiniCluster.",
    subcommands = {JobsCommand.Run.class})
public final class JobsCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("say what to do: `hotline jobs run`");
  }

  /** The environment variable that may hold the caller-hash secret. */
  public static final String SECRET_VARIABLE = "HOTLINE_CALLER_SECRET";

  /** Runs the ingest job until stopped (or, with --until-caught-up, until the topics are read). */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the ingest job: Kafka cdr/recording/sms -> validate, pseudonymise, de-duplicate ->"
            + " ClickHouse calls, recordings, sms, metrics_minute, dead_letters.",
        "Options of the job (ingest.*, kafka.*, clickhouse.*) come from --config; Kafka and"
            + " ClickHouse default to the local stack. The caller-hash secret comes from"
            + " ingest.caller-secret or $"
            + SECRET_VARIABLE
            + "; --demo uses a fixed demo secret."
      })
  public static final class Run implements Callable<Integer> {
    @Option(names = "--var", defaultValue = "var", description = "Stack directory (default: var).")
    Path var;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties with job options.")
    Path config;

    @Option(
        names = "--until-caught-up",
        description = "Stop once every record present at start has been processed.")
    boolean untilCaughtUp;

    @Option(
        names = "--demo",
        description = "Use the demo caller-hash secret (never for real callers' data).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
      IngestOptions options = options().untilCaughtUp(untilCaughtUp);
      System.err.println(
          "hotline: ingest job reading "
              + options.kafka().bootstrapServers()
              + ", writing "
              + options.clickHouse().url()
              + "/"
              + options.clickHouse().database()
              + (untilCaughtUp ? " (until caught up)" : " (Ctrl-C to stop)"));
      long start = System.nanoTime();
      IngestJob.run(options);
      System.err.printf(
          "hotline: ingest job finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
      return 0;
    }

    IngestOptions options() {
      Properties p = new Properties();
      StackState.find(var)
          .ifPresent(
              s -> {
                p.putAll(s.clickHouse().toProperties());
                p.putAll(s.kafka().toProperties());
              });
      p.setProperty(
          IngestOptions.Option.CHECKPOINT_DIR.key(),
          var.toAbsolutePath().resolve("checkpoints").toUri().toString());
      if (config != null) {
        p.putAll(read(config));
      }
      String key = IngestOptions.Option.CALLER_SECRET.key();
      if (demo) {
        p.setProperty(key, IngestOptions.DEMO_CALLER_SECRET);
      } else if (!p.containsKey(key) && System.getenv(SECRET_VARIABLE) != null) {
        p.setProperty(key, System.getenv(SECRET_VARIABLE));
      }
      if (!demo && IngestOptions.DEMO_CALLER_SECRET.equals(p.getProperty(key))) {
        throw new UserError("the demo caller secret is only allowed with --demo");
      }
      try {
        return IngestOptions.fromProperties(p);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
    }

    private static Properties read(Path file) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
      }
      return p;
    }
  }
}
