package io.hotline.launcher.simulate;

import io.hotline.jobs.IngestOptions;
import io.hotline.launcher.UserError;
import io.hotline.launcher.jobs.JobsCommand;
import io.hotline.launcher.stack.StackCommand;
import io.hotline.launcher.stack.StackState;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.Migrations;
import io.hotline.schemas.clickhouse.MinutesFromCalls;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotline simulate}: generates realistic hotline traffic (CDRs, recordings, SMS) for a set
 * of centres and days into JSON-lines files, Kafka topics or (bypassing Kafka and Flink, for
 * history and benchmarks) straight into ClickHouse, optionally with injected faults. The same
 * arguments always give byte-identical output.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates realistic 12333/12370/12385 events (cdr, recording, sms) for some centres and"
          + " days, in emission order, into files, Kafka or ClickHouse. Same arguments and seed,"
          + " same bytes.",
      "--clickhouse bypasses Kafka and Flink: it is for loading history and for benchmarks, not"
          + " for live data. Each event is parsed and its caller pseudonymised as the ingest job"
          + " does, and written as the rows the job writes (calls, recordings, sms, dead_letters;"
          + " then metrics_minute computed from calls), so a second load of the same simulation"
          + " changes no FINAL count. Callers are hashed with the demo caller secret, as by"
          + " `hotline jobs run --demo`, unless $"
          + JobsCommand.SECRET_VARIABLE
          + " is set."
    })
public final class SimulateCommand implements Callable<Integer> {
  private static final int EARLIEST_YEAR = 2000;
  private static final int LATEST_YEAR = 2099;

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DATE",
      description = "First day, e.g. 2025-03-01.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DATE",
      description = "Last day, inclusive.")
  String to;

  @Option(
      names = "--centers",
      paramLabel = "CODES",
      description = "Comma-separated GB/T 2260 city or province codes, e.g. 320100,330000.")
  String centers;

  @Option(
      names = "--scale",
      paramLabel = "SCALE",
      description =
          "city (Nanjing), province (Jiangsu) or nation (every city centre and the XPCC).")
  String scale;

  @Option(names = "--seed", required = true, paramLabel = "N", description = "Random seed.")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write DIR/cdr.jsonl, DIR/recording.jsonl, DIR/sms.jsonl.")
  Path out;

  @Option(names = "--kafka", description = "Produce to the cdr, recording and sms topics instead.")
  boolean kafka;

  @Option(
      names = "--clickhouse",
      description =
          "Load straight into ClickHouse instead (bypasses Kafka and Flink; for history and"
              + " benchmarks).")
  boolean clickHouse;

  @Option(
      names = "--clickhouse-url",
      paramLabel = "URL",
      description = "ClickHouse HTTP address (with --clickhouse); default: the local stack's.")
  String clickHouseUrl;

  @Option(
      names = "--database",
      paramLabel = "DB",
      description =
          "ClickHouse database (with --clickhouse), migrated first; default: the stack's.")
  String database;

  @Option(
      names = "--var",
      defaultValue = StackCommand.DEFAULT_VAR,
      paramLabel = "DIR",
      description =
          "Stack directory whose ClickHouse --clickhouse uses. Default: ${DEFAULT-VALUE}.")
  Path var;

  @Option(
      names = "--insert-threads",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Threads parsing and inserting batches (with --clickhouse). Default: ${DEFAULT-VALUE}.")
  int insertThreads;

  @Option(
      names = "--insert-batch",
      paramLabel = "EVENTS",
      description =
          "Events parsed into one insert per table (with --clickhouse). Default: ${DEFAULT-VALUE}.")
  int insertBatch = ClickHouseEventSink.DEFAULT_BATCH_EVENTS;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka brokers (with --kafka); default: the local stack's broker.")
  String bootstrap;

  @Option(
      names = "--faults",
      paramLabel = "KIND=RATE,...",
      description =
          "Spoil events at these rates: duplicate, malformed, invariant, late; e.g."
              + " duplicate=0.01,malformed=0.001,invariant=0.001,late=0.01. Default: none.")
  String faults;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "Generator threads (output does not depend on it). Default: ${DEFAULT-VALUE}.")
  int threads;

  @Override
  public Integer call() {
    SimulationSpec simulation = simulationSpec();
    if (clickHouse) {
      return loadIntoClickHouse(simulation);
    }
    KafkaConfig kafkaConfig = kafkaConfig();
    PrintWriter err = spec.commandLine().getErr();
    describe(simulation, err);
    SimulationStats stats;
    try (EventSink sink = openSink(kafkaConfig)) {
      stats = new Simulator(simulation, threads).run(sink);
    } catch (IOException e) {
      throw new UserError("could not write the events: " + e.getMessage(), e);
    }
    err.print(stats.summary());
    err.flush();
    return 0;
  }

  private int loadIntoClickHouse(SimulationSpec simulation) {
    ClickHouseConfig config = clickHouseConfig();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Migrations.apply(config);
    } catch (SQLException | RuntimeException e) {
      throw new UserError(
          "cannot prepare ClickHouse database "
              + config.database()
              + " at "
              + config.url()
              + ": "
              + e.getMessage(),
          e);
    }
    String secret = System.getenv(JobsCommand.SECRET_VARIABLE);
    boolean demoSecret = secret == null || secret.isEmpty();
    describe(simulation, err);
    err.printf(
        "loading into ClickHouse %s/%s, bypassing Kafka and Flink (callers hashed with %s)%n",
        config.url(),
        config.database(),
        demoSecret ? "the demo secret" : "$" + JobsCommand.SECRET_VARIABLE);
    err.flush();
    ClickHouseHttp http = new ClickHouseHttp(config);
    SimulationStats stats;
    ClickHouseEventSink sink;
    try {
      sink =
          new ClickHouseEventSink(
              http,
              demoSecret ? IngestOptions.DEMO_CALLER_SECRET : secret,
              origin(),
              insertThreads,
              insertBatch);
    } catch (IllegalArgumentException e) {
      throw new UserError("$" + JobsCommand.SECRET_VARIABLE + ": " + e.getMessage(), e);
    }
    try (sink) {
      stats = new Simulator(simulation, threads).run(sink);
    } catch (IOException e) {
      throw new UserError("could not load the events into ClickHouse: " + e.getMessage(), e);
    }
    err.print(stats.summary());
    err.print(sink.counts().summary());
    err.flush();
    Optional<LocalDate[]> days = sink.counts().callDays();
    if (days.isPresent()) {
      LocalDate first = days.get()[0];
      LocalDate last = days.get()[1];
      long started = System.nanoTime();
      try {
        MinutesFromCalls.fill(http, first, last, insertThreads);
      } catch (IOException e) {
        throw new UserError(
            "loaded the events but could not compute metrics_minute: " + e.getMessage(), e);
      }
      err.printf(
          Locale.ROOT,
          "clickhouse: metrics_minute of %s..%s from calls in %.1f s%n",
          first,
          last,
          (System.nanoTime() - started) / 1e9);
      err.flush();
    }
    return 0;
  }

  /** Names this simulation in dead letters, so a reload replaces its own and no other's. */
  private String origin() {
    return "simulate --seed "
        + seed
        + " --from "
        + from.trim()
        + " --to "
        + to.trim()
        + (centers != null ? " --centers " + centers.trim() : " --scale " + scale.trim())
        + (faults != null ? " --faults " + faults.trim() : "");
  }

  /** The stack's ClickHouse (or the defaults), with the URL and database given on the command. */
  ClickHouseConfig clickHouseConfig() {
    ClickHouseConfig config =
        StackState.find(var).map(StackState::clickHouse).orElse(ClickHouseConfig.defaults());
    try {
      if (clickHouseUrl != null) {
        config = config.withUrl(clickHouseUrl);
      }
      if (database != null) {
        config = config.withDatabase(database);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    return config;
  }

  /** Checks the arguments and turns them into a spec; every problem is one sentence. */
  SimulationSpec simulationSpec() {
    LocalDate first = date("--from", from);
    LocalDate last = date("--to", to);
    if (last.isBefore(first)) {
      throw new UserError("--from " + first + " is after --to " + last + ".");
    }
    if ((centers == null) == (scale == null)) {
      throw new UserError(
          "give either --centers CODES or --scale city|province|nation, not both or neither.");
    }
    if ((out != null ? 1 : 0) + (kafka ? 1 : 0) + (clickHouse ? 1 : 0) != 1) {
      throw new UserError("give one of --out DIR, --kafka or --clickhouse.");
    }
    if (bootstrap != null && !kafka) {
      throw new UserError("--bootstrap only applies with --kafka.");
    }
    if ((clickHouseUrl != null || database != null) && !clickHouse) {
      throw new UserError("--clickhouse-url and --database only apply with --clickhouse.");
    }
    if (threads < 1) {
      throw new UserError("--threads must be 1 or more.");
    }
    if (insertThreads < 1) {
      throw new UserError("--insert-threads must be 1 or more.");
    }
    if (insertBatch < 1) {
      throw new UserError("--insert-batch must be 1 or more.");
    }
    FaultRates rates = FaultRates.parse(faults);
    Regions regions = Regions.standard();
    List<Center> chosen =
        centers != null
            ? Centers.ofCodes(centers, seed, regions)
            : Centers.ofScale(Centers.Scale.parse(scale), seed, regions);
    return new SimulationSpec(first, last, chosen, seed, rates);
  }

  private KafkaConfig kafkaConfig() {
    if (!kafka) {
      return null;
    }
    KafkaConfig config = KafkaConfig.defaults();
    if (bootstrap == null) {
      return config;
    }
    try {
      return config.withBootstrapServers(bootstrap);
    } catch (IllegalArgumentException e) {
      throw new UserError("--bootstrap must be host:port[,host:port...], not '" + bootstrap + "'.");
    }
  }

  private EventSink openSink(KafkaConfig kafkaConfig) throws IOException {
    if (kafkaConfig != null) {
      return new KafkaEventSink(kafkaConfig);
    }
    try {
      return new FileEventSink(out);
    } catch (IOException e) {
      throw new UserError("cannot write to " + out + ": " + e.getMessage(), e);
    }
  }

  private static LocalDate date(String option, String text) {
    LocalDate d;
    try {
      d = LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new UserError(option + " must be a date like 2025-03-14, not '" + text + "'.");
    }
    if (d.getYear() < EARLIEST_YEAR || d.getYear() > LATEST_YEAR) {
      throw new UserError(
          option
              + " must be in the years "
              + EARLIEST_YEAR
              + "-"
              + LATEST_YEAR
              + ", not "
              + d
              + ".");
    }
    return d;
  }

  private static void describe(SimulationSpec s, PrintWriter err) {
    err.printf(
        "simulating %d centres, %s..%s (%d days), seed %d%n",
        s.centers().size(), s.from(), s.to(), s.days(), s.seed());
    HolidayCalendar calendar = HolidayCalendar.standard();
    if (!calendar.covers(s.from()) || !calendar.covers(s.to())) {
      err.printf(
          "note: the holiday calendar covers %d-%d; other years have plain Monday-Friday working days%n",
          calendar.firstYear(), calendar.lastYear());
    }
    for (TopicSurge surge : s.surges()) {
      err.println("topic surge: " + surge);
    }
    err.flush();
  }
}
