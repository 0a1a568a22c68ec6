package io.hotline.launcher.stack;

import static io.hotline.schemas.local.ServerProcess.requireFree;
import static io.hotline.schemas.local.ServerProcess.requirePort;

import io.hotline.schemas.local.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) for one machine, run in a
 * JVM of its own from the Kafka jars on this JVM's classpath, with its configuration, data and log
 * in a directory (e.g. {@code var/kafka}). It outlives the JVM that started it until {@link
 * #stop()} is called.
 *
 * <p>Layout of the directory: {@code server.properties}, {@code log4j2.properties}, {@code data/}
 * (the log directory, formatted once), {@code kafka.log} and {@code kafka.pid}.
 */
public final class LocalKafka {

  private static final String HOST = "127.0.0.1";
  private static final String MAIN_CLASS = "kafka.Kafka";
  private static final Duration FORMAT_DEADLINE = Duration.ofSeconds(60);
  private static final Duration START_DEADLINE = Duration.ofSeconds(90);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true");

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final String classpath;
  private final ServerProcess process;

  /** A broker in {@code dir} on {@code port}, its controller on {@code controllerPort}. */
  public LocalKafka(Path dir, int port, int controllerPort) {
    this(dir, port, controllerPort, System.getProperty("java.class.path"));
  }

  LocalKafka(Path dir, int port, int controllerPort, String classpath) {
    this.dir = dir.toAbsolutePath().normalize();
    this.port = requirePort("Kafka port", port);
    this.controllerPort = requirePort("Kafka controller port", controllerPort);
    if (port == controllerPort) {
      throw new IllegalArgumentException(
          "the Kafka port and the Kafka controller port must differ, both are " + port);
    }
    this.classpath = classpath;
    this.process = new ServerProcess("Kafka", this.dir.resolve("kafka.pid"), this::isThisBroker);
  }

  /**
   * The broker last configured in {@code dir}, with the ports of its {@code server.properties};
   * empty when the directory holds no configuration yet.
   */
  public static Optional<LocalKafka> existing(Path dir) {
    Path file = dir.resolve("server.properties");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    // listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
    int broker = 0;
    int controller = 0;
    for (String listener : p.getProperty("listeners", "").split(",")) {
      int listenerPort = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
      if (listener.startsWith("CONTROLLER:")) {
        controller = listenerPort;
      } else {
        broker = listenerPort;
      }
    }
    return Optional.of(new LocalKafka(dir, broker, controller));
  }

  public Path dir() {
    return dir;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  /** The address clients use, {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The broker's output, the first place to look when it misbehaves. */
  public Path log() {
    return dir.resolve("kafka.log");
  }

  /**
   * Starts the broker unless it already runs from this directory, formatting the storage on first
   * use, and returns once it describes its cluster.
   *
   * @throws IllegalStateException when a port is taken or the broker does not come up; the message
   *     says which
   */
  public void start() {
    Optional<ProcessHandle> running = process.find();
    if (running.isPresent()) {
      requireSamePorts();
      awaitReady(running.get(), null);
      return;
    }
    requireFree("Kafka", HOST, port);
    requireFree("Kafka controller", HOST, controllerPort);
    writeConfiguration();
    if (!Files.exists(dataDir().resolve("meta.properties"))) {
      format();
    }
    Process started = launch();
    process.writePid(started.pid());
    awaitReady(started.toHandle(), started);
  }

  /**
   * Stops the broker started from this directory: SIGTERM (a clean shutdown), then SIGKILL if it
   * has not exited within 30 s.
   *
   * @return whether a running broker was stopped
   */
  public boolean stop() {
    return process.stop(STOP_DEADLINE);
  }

  /** Whether the process recorded in this directory's pid file is alive and is this broker. */
  public boolean isRunning() {
    return process.isRunning();
  }

  /** The pid of the running broker, if any. */
  public OptionalLong pid() {
    return process.pid();
  }

  /** The broker's configuration: one node that is both broker and its own controller quorum. */
  String serverProperties() {
    String controller = HOST + ":" + controllerPort;
    // Replication factors of Kafka's internal topics must fit a single broker, or consumer
    // groups and transactions (Flink's exactly-once sink) never become available.
    return String.join(
        "\n",
        "# Written by `hotline stack up` on every start; edits are overwritten.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + controller,
        "listeners=PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + controller,
        "advertised.listeners=PLAINTEXT://" + HOST + ":" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + escape(dataDir().toString()),
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  private void writeConfiguration() {
    try {
      Files.createDirectories(dataDir());
      Files.writeString(dir.resolve("server.properties"), serverProperties());
      Files.writeString(dir.resolve("log4j2.properties"), LOG4J2_PROPERTIES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka configuration in " + dir, e);
    }
  }

  private void format() {
    // A separate JVM, because the storage tool ends by calling System.exit.
    List<String> command = javaCommand("kafka.tools.StorageTool");
    command.addAll(
        List.of(
            "format",
            "--cluster-id",
            Uuid.randomUuid().toString(),
            "--config",
            dir.resolve("server.properties").toString()));
    Process p = startProcess(command);
    try {
      if (!p.waitFor(FORMAT_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "formatting the Kafka storage in " + dataDir() + " did not finish; see " + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IllegalStateException("interrupted while formatting the Kafka storage", e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "formatting the Kafka storage in "
              + dataDir()
              + " failed (exit code "
              + p.exitValue()
              + "); see "
              + log()
              + lastLines());
    }
  }

  private Process launch() {
    List<String> command = javaCommand(MAIN_CLASS);
    command.add(dir.resolve("server.properties").toString());
    return startProcess(command);
  }

  private List<String> javaCommand(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    command.add("-Dkafka.logs.dir=" + dir);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    return command;
  }

  private Process startProcess(List<String> command) {
    return ServerProcess.launch(command, dir, log(), "java for Kafka");
  }

  private void awaitReady(ProcessHandle broker, Process startedNow) {
    BooleanSupplier answers =
        () -> KafkaTopics.reachable(bootstrapServers(), Duration.ofSeconds(5));
    switch (process.awaitReady(broker, startedNow, START_DEADLINE, POLL, answers)) {
      case READY -> {}
      case EXITED ->
          throw new IllegalStateException(
              "Kafka exited while starting; see " + log() + lastLines());
      case TIMED_OUT ->
          throw new IllegalStateException(
              "Kafka did not answer on "
                  + bootstrapServers()
                  + " within "
                  + START_DEADLINE.toSeconds()
                  + " s; see "
                  + log()
                  + lastLines());
    }
  }

  private void requireSamePorts() {
    existing(dir)
        .filter(current -> current.port != port || current.controllerPort != controllerPort)
        .ifPresent(
            current -> {
              throw new IllegalStateException(
                  "Kafka already runs from "
                      + dir
                      + " on "
                      + current.bootstrapServers()
                      + ": stop it before starting it on port "
                      + port);
            });
  }

  private boolean isThisBroker(ProcessHandle p) {
    String config = dir.resolve("server.properties").toString();
    return p.info()
        .arguments()
        .map(args -> List.of(args).contains(MAIN_CLASS) && List.of(args).contains(config))
        .orElse(true);
  }

  private String lastLines() {
    // Kafka logs at INFO; its errors would scroll out of the last few lines.
    return ServerProcess.lastLines(
        List.of(log()), line -> line.contains("ERROR") || line.contains("Exception"));
  }

  private Path dataDir() {
    return dir.resolve("data");
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\");
  }

  /** Broker logs to its stdout, which is kafka.log; INFO says what it did at startup. */
  private static final String LOG4J2_PROPERTIES =
      String.join(
          "\n",
          "status = warn",
          "appender.out.type = Console",
          "appender.out.name = out",
          "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = [%d] %p %m (%c)%n",
          "rootLogger.level = info",
          "rootLogger.appenderRef.out.ref = out",
          "logger.request.name = kafka.request.logger",
          "logger.request.level = warn",
          "logger.state.name = state.change.logger",
          "logger.state.level = warn",
          "");
}
