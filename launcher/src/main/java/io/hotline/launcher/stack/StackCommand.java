package io.hotline.launcher.stack;

import io.hotline.launcher.UserError;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.LocalClickHouse;
import io.hotline.schemas.clickhouse.Migration;
import io.hotline.schemas.clickhouse.Migrations;
import io.hotline.schemas.kafka.KafkaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline stack up|down|status}: the ClickHouse and Kafka the other commands use, started as
 * background processes with their data under the var directory, or external servers named on the
 * command line. Where they run is recorded in {@code <var>/stack.properties} ({@link StackState}).
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Start, stop and inspect the local ClickHouse and Kafka servers.",
    subcommands = {StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class})
public final class StackCommand implements Runnable {

  /** The var directory when none is given. */
  public static final String DEFAULT_VAR = "var";

  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code stack up}: starts what is not external, migrates, creates topics, records state. */
  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start ClickHouse and Kafka (unless given with --clickhouse-url / --kafka), apply the",
        "ClickHouse migrations, create the topics and write <var>/stack.properties.",
        "Running it again is harmless: servers already running are kept."
      })
  public static final class Up implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--var",
        defaultValue = DEFAULT_VAR,
        description = "directory for data, logs and state (default: ${DEFAULT-VALUE})")
    Path varDir;

    @Option(
        names = "--clickhouse-http-port",
        defaultValue = "18123",
        description = "HTTP port of the local ClickHouse (default: ${DEFAULT-VALUE})")
    int clickHouseHttpPort;

    @Option(
        names = "--clickhouse-tcp-port",
        defaultValue = "19000",
        description = "native-protocol port of the local ClickHouse (default: ${DEFAULT-VALUE})")
    int clickHouseTcpPort;

    @Option(
        names = "--kafka-port",
        defaultValue = "19092",
        description = "client port of the local Kafka (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
        names = "--kafka-controller-port",
        defaultValue = "19093",
        description = "controller port of the local Kafka (default: ${DEFAULT-VALUE})")
    int kafkaControllerPort;

    @Option(
        names = "--clickhouse-url",
        paramLabel = "URL",
        description = "use this running ClickHouse (http://host:port) instead of starting one")
    String clickHouseUrl;

    @Option(
        names = "--kafka",
        paramLabel = "HOST:PORT",
        description = "use this running Kafka instead of starting one")
    String kafkaServers;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      refuseMixedOptions();
      Path var = varDir.toAbsolutePath().normalize();

      Part clickHouse = clickHouseUrl != null ? externalClickHouse() : localClickHouse(var);
      ClickHouseConfig clickHouseConfig = ClickHouseConfig.defaults().withUrl(clickHouse.address());
      out.println(row("ClickHouse", clickHouse.describe()));
      out.println(row("schema", migrate(clickHouseConfig)));

      Part kafka = kafkaServers != null ? externalKafka() : localKafka(var);
      KafkaConfig kafkaConfig = KafkaConfig.defaults().withBootstrapServers(kafka.address());
      out.println(row("Kafka", kafka.describe()));
      out.println(row("topics", createTopics(kafkaConfig)));

      new StackState(
              clickHouseConfig,
              kafkaConfig,
              clickHouse.local(),
              clickHouse.pid(),
              clickHouse.otherPort(),
              kafka.local(),
              kafka.pid(),
              kafka.otherPort())
          .save(var);
      out.println(row("state", StackState.file(varDir).toString()));
      out.println("stop with: hotline stack down" + varOption(varDir));
      return 0;
    }

    private void refuseMixedOptions() {
      if (clickHouseUrl != null && given("--clickhouse-http-port", "--clickhouse-tcp-port")) {
        throw new UserError(
            "--clickhouse-url names a running server: leave out the local server's ports");
      }
      if (kafkaServers != null && given("--kafka-port", "--kafka-controller-port")) {
        throw new UserError("--kafka names a running cluster: leave out the local broker's ports");
      }
    }

    private Part externalClickHouse() {
      String url = userFacing(() -> ClickHouseConfig.defaults().withUrl(clickHouseUrl).url());
      if (!LocalClickHouse.ping(url)) {
        throw new UserError(
            "ClickHouse does not answer at "
                + url
                + "/ping: start it, or leave out --clickhouse-url to start a local one");
      }
      return Part.external(url);
    }

    private Part localClickHouse(Path var) {
      Path dir = var.resolve("clickhouse");
      Optional<LocalClickHouse> running =
          LocalClickHouse.existing(dir).filter(LocalClickHouse::isRunning);
      LocalClickHouse server =
          running.orElseGet(() -> new LocalClickHouse(dir, clickHouseHttpPort, clickHouseTcpPort));
      if (running.isPresent()) {
        noteIgnoredPorts(
            "ClickHouse", server.httpPort(), "--clickhouse-http-port", "--clickhouse-tcp-port");
      }
      // On a running server this only waits until it answers, in case it is still starting.
      userFacingStep(server::start);
      return new Part(
          running.isPresent() ? "already running" : "started",
          server.url(),
          server.pid().orElse(0),
          server.tcpPort(),
          dir);
    }

    private Part externalKafka() {
      String servers =
          userFacing(
              () -> KafkaConfig.defaults().withBootstrapServers(kafkaServers).bootstrapServers());
      if (!KafkaTopics.reachable(servers, KAFKA_TIMEOUT)) {
        throw new UserError(
            "Kafka does not answer at "
                + servers
                + ": start it, or leave out --kafka to start a local one");
      }
      return Part.external(servers);
    }

    private Part localKafka(Path var) {
      Path dir = var.resolve("kafka");
      Optional<LocalKafka> running = LocalKafka.existing(dir).filter(LocalKafka::isRunning);
      LocalKafka broker =
          running.orElseGet(() -> new LocalKafka(dir, kafkaPort, kafkaControllerPort));
      if (running.isPresent()) {
        noteIgnoredPorts("Kafka", broker.port(), "--kafka-port", "--kafka-controller-port");
      }
      userFacingStep(broker::start);
      return new Part(
          running.isPresent() ? "already running" : "started",
          broker.bootstrapServers(),
          broker.pid().orElse(0),
          broker.controllerPort(),
          dir);
    }

    private boolean given(String... options) {
      CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
      for (String option : options) {
        if (parsed.hasMatchedOption(option)) {
          return true;
        }
      }
      return false;
    }

    private void noteIgnoredPorts(String part, int runningPort, String... options) {
      if (given(options)) {
        spec.commandLine()
            .getOut()
            .println(
                "note: "
                    + part
                    + " already runs on port "
                    + runningPort
                    + ", so the ports given are not applied;"
                    + " run `hotline stack down` first to change them");
      }
    }

    private static String migrate(ClickHouseConfig config) {
      List<Migration> applied;
      try {
        applied = Migrations.apply(config);
      } catch (SQLException e) {
        throw new UserError(
            "cannot apply the ClickHouse migrations at " + config.url() + ": " + e.getMessage(), e);
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
      if (applied.isEmpty()) {
        return "database " + config.database() + " up to date";
      }
      return "database "
          + config.database()
          + ": applied "
          + String.join(", ", applied.stream().map(Migration::fileName).toList());
    }

    private static String createTopics(KafkaConfig config) {
      List<String> created = userFacing(() -> KafkaTopics.ensure(config));
      List<String> present = config.topics().stream().filter(t -> !created.contains(t)).toList();
      List<String> parts = new ArrayList<>();
      if (!created.isEmpty()) {
        parts.add("created " + String.join(", ", created));
      }
      if (!present.isEmpty()) {
        parts.add("present " + String.join(", ", present));
      }
      return String.join("; ", parts);
    }
  }

  /** {@code stack down}: stops the local servers and removes the state file. */
  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description =
          "Stop the ClickHouse and Kafka started by `stack up`; external ones keep running.")
  public static final class Down implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--var",
        defaultValue = DEFAULT_VAR,
        description = "directory of the stack (default: ${DEFAULT-VALUE})")
    Path varDir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path var = varDir.toAbsolutePath().normalize();
      Optional<StackState> state = StackState.find(var);

      // The directories, not only the state file, say what runs: a failed `up` writes no state.
      Optional<LocalClickHouse> clickHouse = LocalClickHouse.existing(var.resolve("clickhouse"));
      OptionalLong chPid = clickHouse.map(LocalClickHouse::pid).orElse(OptionalLong.empty());
      boolean chStopped = clickHouse.map(LocalClickHouse::stop).orElse(false);
      Optional<String> chExternal =
          state.filter(s -> !s.clickHouseLocal()).map(s -> s.clickHouse().url());
      out.println(row("ClickHouse", outcome(chStopped, chPid, chExternal)));

      Optional<LocalKafka> kafka = LocalKafka.existing(var.resolve("kafka"));
      OptionalLong kafkaPid = kafka.map(LocalKafka::pid).orElse(OptionalLong.empty());
      boolean kafkaStopped = kafka.map(LocalKafka::stop).orElse(false);
      Optional<String> kafkaExternal =
          state.filter(s -> !s.kafkaLocal()).map(s -> s.kafka().bootstrapServers());
      out.println(row("Kafka", outcome(kafkaStopped, kafkaPid, kafkaExternal)));

      StackState.delete(var);
      return 0;
    }

    private static String outcome(boolean stopped, OptionalLong pid, Optional<String> external) {
      if (external.isPresent()) {
        return "external at " + external.get() + ", left running";
      }
      if (stopped) {
        return "stopped" + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "");
      }
      return "was not running";
    }
  }

  /** {@code stack status}: each part up or down, with its address. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show whether ClickHouse and Kafka are up, and where.",
        "Exit code 0 when both are up, 1 otherwise."
      })
  public static final class Status implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--var",
        defaultValue = DEFAULT_VAR,
        description = "directory of the stack (default: ${DEFAULT-VALUE})")
    Path varDir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Path var = varDir.toAbsolutePath().normalize();
      Optional<StackState> state = StackState.find(var);
      Optional<LocalClickHouse> localClickHouse =
          LocalClickHouse.existing(var.resolve("clickhouse"));
      Optional<LocalKafka> localKafka = LocalKafka.existing(var.resolve("kafka"));

      // Without a state file (a failed `up`), the servers' own directories say where to look.
      String url =
          state
              .map(s -> s.clickHouse().url())
              .or(() -> localClickHouse.map(LocalClickHouse::url))
              .orElse(ClickHouseConfig.defaults().url());
      boolean clickHouseUp = LocalClickHouse.ping(url);
      List<String> chDetails = new ArrayList<>();
      state.ifPresent(s -> chDetails.add(s.clickHouseLocal() ? "local" : "external"));
      localClickHouse.flatMap(c -> boxed(c.pid())).ifPresent(p -> chDetails.add("pid " + p));
      state.ifPresent(s -> chDetails.add("database " + s.clickHouse().database()));
      out.println(row("ClickHouse", upDown(clickHouseUp, url, chDetails)));

      String servers =
          state
              .map(s -> s.kafka().bootstrapServers())
              .or(() -> localKafka.map(LocalKafka::bootstrapServers))
              .orElse(KafkaConfig.defaults().bootstrapServers());
      boolean kafkaUp = KafkaTopics.reachable(servers, KAFKA_TIMEOUT);
      List<String> kafkaDetails = new ArrayList<>();
      state.ifPresent(s -> kafkaDetails.add(s.kafkaLocal() ? "local" : "external"));
      localKafka.flatMap(k -> boxed(k.pid())).ifPresent(p -> kafkaDetails.add("pid " + p));
      if (kafkaUp) {
        KafkaConfig kafka = state.map(StackState::kafka).orElse(KafkaConfig.defaults());
        kafkaDetails.add("topics " + presentTopics(kafka, servers));
      }
      out.println(row("Kafka", upDown(kafkaUp, servers, kafkaDetails)));

      if (state.isEmpty()) {
        out.println("no " + StackState.file(varDir) + ": start the stack with `hotline stack up`");
      }
      return clickHouseUp && kafkaUp ? 0 : 1;
    }

    private static String presentTopics(KafkaConfig kafka, String servers) {
      Set<String> existing = userFacing(() -> KafkaTopics.list(servers));
      List<String> present = kafka.topics().stream().filter(existing::contains).toList();
      return present.isEmpty() ? "(none)" : String.join(", ", present);
    }

    private static String upDown(boolean up, String address, List<String> details) {
      return String.format("%-5s %s", up ? "up" : "down", address)
          + (details.isEmpty() ? "" : "  (" + String.join(", ", details) + ")");
    }
  }

  /**
   * One server as `up` left it.
   *
   * @param how "started", "already running" or "external"
   * @param address URL or host:port
   * @param pid the local process, 0 when external
   * @param otherPort the local server's second port (ClickHouse TCP, Kafka controller), else 0
   * @param dir the local server's directory, null when external
   */
  private record Part(String how, String address, long pid, int otherPort, Path dir) {
    static Part external(String address) {
      return new Part("external", address, 0, 0, null);
    }

    boolean local() {
      return dir != null;
    }

    String describe() {
      String where = local() ? "  (pid " + pid + ", data in " + dir + ")" : "";
      return String.format("%-16s %s", how, address) + where;
    }
  }

  private static Optional<Long> boxed(OptionalLong pid) {
    return pid.isPresent() ? Optional.of(pid.getAsLong()) : Optional.empty();
  }

  private static String row(String part, String text) {
    return String.format("%-11s %s", part, text);
  }

  private static String varOption(Path varDir) {
    return varDir.toString().equals(DEFAULT_VAR) ? "" : " --var " + varDir;
  }

  /**
   * Runs a step whose failures are the user's to fix (a port taken, a server not installed, a bad
   * URL) and turns them into a {@link UserError}, printed as one sentence.
   */
  private static <T> T userFacing(Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static void userFacingStep(Runnable step) {
    userFacing(
        () -> {
          step.run();
          return null;
        });
  }
}
