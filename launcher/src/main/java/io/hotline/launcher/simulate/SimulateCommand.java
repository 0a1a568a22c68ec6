package io.hotline.launcher.simulate;

import io.hotline.launcher.UserError;
import io.hotline.schemas.kafka.KafkaConfig;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotline simulate}: generates realistic hotline traffic (CDRs, recordings, SMS) for a set
 * of centres and days into JSON-lines files or Kafka topics, optionally with injected faults. The
 * same arguments always give byte-identical output.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Generates realistic 12333/12370/12385 events (cdr, recording, sms) for some centres and"
          + " days, in emission order, into files or Kafka. Same arguments and seed, same bytes."
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
    if ((out == null) == !kafka) {
      throw new UserError("give either --out DIR or --kafka, not both or neither.");
    }
    if (bootstrap != null && !kafka) {
      throw new UserError("--bootstrap only applies with --kafka.");
    }
    if (threads < 1) {
      throw new UserError("--threads must be 1 or more.");
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
