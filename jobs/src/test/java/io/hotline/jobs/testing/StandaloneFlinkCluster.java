package io.hotline.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real standalone Flink 1.20 session cluster for tests: a JobManager and a TaskManager, each its
 * own {@code java} process started the way {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh}
 * start them, bound to 127.0.0.1 on free ports, and {@code flink run} through the same {@code
 * CliFrontend} that {@code bin/flink} wraps. Logs stay in the cluster directory.
 *
 * <p>Flink publishes no distribution to Maven Central (there is no {@code flink-dist} artifact), so
 * the classpath of the three processes is rebuilt from the separate artifacts that the 1.20
 * distribution bundles in {@code lib/} ({@link #DISTRIBUTION}), taken from the test classpath. It
 * holds nothing of the job's own dependencies, so a class missing from the job's shaded jar fails
 * here as it would on a production cluster.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

  /**
   * The artifacts that make up a Flink 1.20 binary distribution's classpath ({@code
   * lib/flink-dist-*.jar} and the other jars in {@code lib/}) as far as a DataStream job needs
   * them: Flink's own modules and the third-party libraries the distribution bundles.
   */
  public static final Set<String> DISTRIBUTION =
      Set.of(
          "flink-annotations",
          "flink-clients",
          "flink-connector-datagen",
          "flink-connector-files",
          "flink-core",
          "flink-core-api",
          "flink-datastream",
          "flink-datastream-api",
          "flink-dstl-dfs",
          "flink-file-sink-common",
          "flink-hadoop-fs",
          "flink-java",
          "flink-metrics-core",
          "flink-optimizer",
          "flink-queryable-state-client-java",
          "flink-rpc-akka-loader",
          "flink-rpc-core",
          "flink-runtime",
          "flink-shaded-asm-9",
          "flink-shaded-guava",
          "flink-shaded-jackson",
          "flink-shaded-netty",
          "flink-shaded-zookeeper-3",
          "flink-statebackend-changelog",
          "flink-statebackend-common",
          "flink-statebackend-rocksdb",
          "flink-streaming-java",
          "frocksdbjni",
          "async-profiler",
          "chill-java",
          "commons-cli",
          "commons-collections",
          "commons-compress",
          "commons-io",
          "commons-lang3",
          "commons-math3",
          "commons-text",
          "javassist",
          "jsr305",
          "kryo",
          "lz4-java",
          "minlog",
          "objenesis",
          "snakeyaml-engine",
          "snappy-java",
          "slf4j-api",
          "log4j-api",
          "log4j-core",
          "log4j-slf4j-impl");

  /**
   * The {@code env.java.opts.all} of the {@code conf/config.yaml} that Flink 1.20 ships: what its
   * scripts add to every JVM so that Flink runs on Java 17.
   */
  static final List<String> JAVA_17_OPTIONS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  /** Slots of the one TaskManager: the ingest job's default parallelism. */
  public static final int SLOTS = 2;

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String classpath;
  private final int restPort;
  private final int rpcPort;
  // Written by the test thread, read by the JVM's shutdown hook.
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final Thread killOnExit = new Thread(this::killAll, "stop-flink-cluster");

  private StandaloneFlinkCluster(Path dir, String classpath, int restPort, int rpcPort) {
    this.dir = dir;
    this.classpath = classpath;
    this.restPort = restPort;
    this.rpcPort = rpcPort;
  }

  /**
   * Starts a JobManager and a TaskManager with their configuration, logs and temporary files under
   * {@code dir}, and returns once the TaskManager's slots are registered, as the REST API reports.
   */
  public static StandaloneFlinkCluster start(Path dir) throws IOException, InterruptedException {
    String classpath = distributionClasspath();
    IllegalStateException last = null;
    // A probed free port can be taken by another process before Flink binds it; try again then.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      StandaloneFlinkCluster cluster =
          new StandaloneFlinkCluster(dir, classpath, freePort(), freePort());
      try {
        cluster.launch();
        return cluster;
      } catch (IllegalStateException e) {
        last = e;
        boolean portTaken = cluster.logs().contains("BindException");
        cluster.close();
        if (!portTaken) {
          throw e;
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        cluster.close();
        throw e;
      }
    }
    throw last;
  }

  /** The {@code host:port} of the REST endpoint, what {@code flink run -m} takes. */
  public String restAddress() {
    return HOST + ":" + restPort;
  }

  /** The outcome of one {@code flink run}: its exit code and everything it printed. */
  public record FlinkRun(int exitCode, String output) {}

  /**
   * {@code flink run -m <this cluster> <jar> <args>} in attached mode: submits the jar's main class
   * and waits for the job to end, or for {@code timeout}, after which the client is killed and the
   * exit code is -1.
   */
  public FlinkRun run(Path jar, List<String> programArgs, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = java(List.of(), "client", "org.apache.flink.client.cli.CliFrontend");
    command.addAll(List.of("run", "-m", restAddress(), jar.toString()));
    command.addAll(programArgs);
    Path output = dir.resolve("log/client.out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    // bin/flink finds the configuration the same way.
    builder.environment().put("FLINK_CONF_DIR", confDir().toString());
    Process client = builder.start();
    processes.add(client);
    int exitCode;
    if (client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      exitCode = client.exitValue();
    } else {
      client.destroyForcibly().waitFor();
      exitCode = -1;
    }
    processes.remove(client);
    return new FlinkRun(exitCode, Files.readString(output, StandardCharsets.UTF_8));
  }

  /**
   * The last lines of the JobManager's and TaskManager's logs, and every line of them that reports
   * an error, for failure messages.
   */
  public String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("jobmanager", "taskmanager")) {
      List<String> lines = readLines(dir.resolve("log/" + name + ".log"));
      lines.addAll(readLines(dir.resolve("log/" + name + ".out")));
      List<String> errors =
          lines.stream()
              .filter(l -> l.contains(" ERROR ") || l.contains("Exception"))
              .limit(LOG_TAIL_LINES)
              .toList();
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      out.append("--- ").append(name).append(" errors:\n").append(String.join("\n", errors));
      out.append("\n--- ").append(name).append(" last lines:\n").append(String.join("\n", tail));
      out.append('\n');
    }
    return out.toString();
  }

  /** Stops the processes as {@code kill} would (Flink shuts down cleanly), then forcibly. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    processes.clear();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is already exiting, or the hook was never added: nothing to undo.
    }
  }

  private void launch() throws IOException, InterruptedException {
    emptyDirectory(dir.resolve("log"));
    Files.createDirectories(dir.resolve("tmp"));
    Map<String, String> settings = settings();
    writeConfDir(settings);
    Configuration config = Configuration.fromMap(settings);
    Runtime.getRuntime().addShutdownHook(killOnExit);
    // Both at once, as start-cluster.sh does: the TaskManager retries until the JobManager is up.
    processes.add(
        startProcess(
            "jobmanager",
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            jobManagerMemory(config)));
    processes.add(
        startProcess(
            "taskmanager",
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            taskManagerMemory(config)));
    awaitSlots();
  }

  /** Every address on the loopback interface; every port the cluster does not announce is 0. */
  private Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("jobmanager.rpc.address", HOST);
    s.put("jobmanager.rpc.port", Integer.toString(rpcPort));
    s.put("jobmanager.bind-host", HOST);
    s.put("jobmanager.memory.process.size", "1024m");
    s.put("rest.address", HOST);
    s.put("rest.bind-address", HOST);
    s.put("rest.port", Integer.toString(restPort));
    s.put("blob.server.port", "0");
    s.put("taskmanager.host", HOST);
    s.put("taskmanager.bind-host", HOST);
    s.put("taskmanager.rpc.port", "0");
    s.put("taskmanager.data.port", "0");
    s.put("taskmanager.numberOfTaskSlots", Integer.toString(SLOTS));
    s.put("taskmanager.memory.process.size", "1536m");
    // Managed memory serves RocksDB and batch jobs; the ingest job keeps its state on the heap.
    s.put("taskmanager.memory.managed.fraction", "0.05");
    // Both processes start at once; a TaskManager that asks before the JobManager's resource
    // manager is up would otherwise wait the default 10 s to ask again.
    s.put("cluster.registration.error-delay", "1 s");
    s.put("parallelism.default", "1");
    s.put("io.tmp.dirs", dir.resolve("tmp").toString());
    s.put("web.tmpdir", dir.resolve("tmp").toString());
    return s;
  }

  private void writeConfDir(Map<String, String> settings) throws IOException {
    Files.createDirectories(confDir());
    String yaml =
        settings.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(confDir().resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
    // Each process logs to the file named by -Dlog.file, as with the distribution's
    // log4j.properties.
    Files.writeString(
        confDir().resolve("log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = file",
            "appender.file.name = file",
            "appender.file.type = File",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c - %m%n",
            ""),
        StandardCharsets.UTF_8);
  }

  /**
   * What Flink's scripts compute from the memory settings before starting a process: JVM options
   * (heap, direct and metaspace sizes) and {@code -D key=value} arguments for the program.
   */
  private record ProcessMemory(List<String> jvmOptions, List<String> dynamicProperties) {
    static ProcessMemory of(String jvmOptions, String dynamicProperties) {
      return new ProcessMemory(words(jvmOptions), words(dynamicProperties));
    }

    private static List<String> words(String s) {
      return Arrays.asList(s.trim().split("\\s+"));
    }
  }

  /** As {@code bin/jobmanager.sh} computes it. */
  private static ProcessMemory jobManagerMemory(Configuration config) {
    JobManagerProcessSpec spec =
        JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
            config, JobManagerOptions.JVM_HEAP_MEMORY);
    return ProcessMemory.of(
        JobManagerProcessUtils.generateJvmParametersStr(spec, config),
        JobManagerProcessUtils.generateDynamicConfigsStr(spec));
  }

  /**
   * As {@code bin/taskmanager.sh} computes it; without the dynamic properties the TaskManager
   * refuses to start (it wants every memory pool and its CPU cores set explicitly).
   */
  private static ProcessMemory taskManagerMemory(Configuration config) {
    TaskExecutorProcessSpec spec =
        TaskExecutorProcessUtils.processSpecFromConfig(
            TaskExecutorProcessUtils.getConfigurationMapLegacyTaskManagerHeapSizeToConfigOption(
                config, TaskManagerOptions.TOTAL_FLINK_MEMORY));
    return ProcessMemory.of(
        ProcessMemoryUtils.generateJvmParametersStr(spec),
        TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
  }

  private Process startProcess(String name, String mainClass, ProcessMemory memory)
      throws IOException {
    List<String> command = java(memory.jvmOptions(), name, mainClass);
    command.addAll(List.of("--configDir", confDir().toString()));
    command.addAll(memory.dynamicProperties());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("log/" + name + ".out").toFile())
        .start();
  }

  /** {@code java <sizes> <Java 17 options> <logging> -cp <distribution> <main class>}. */
  private List<String> java(List<String> jvmOptions, String logName, String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.addAll(JAVA_17_OPTIONS);
    command.add("-Dlog.file=" + dir.resolve("log/" + logName + ".log"));
    command.add("-Dlog4j.configurationFile=" + confDir().resolve("log4j.properties").toUri());
    command.addAll(List.of("-cp", classpath, mainClass));
    return command;
  }

  /** Waits until the REST API reports the TaskManager with all its slots. */
  private void awaitSlots() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest overview =
        HttpRequest.newBuilder(URI.create("http://" + restAddress() + "/overview"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a Flink process exited with code " + p.exitValue() + " while starting\n" + logs());
        }
      }
      if (slotsTotal(http, overview) >= SLOTS) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the Flink cluster did not report "
            + SLOTS
            + " slots within "
            + STARTUP_TIMEOUT
            + "\n"
            + logs());
  }

  /** Slots registered at the JobManager, or -1 while its REST endpoint does not answer. */
  private static int slotsTotal(HttpClient http, HttpRequest overview) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(overview, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return -1;
      }
      JsonNode body = JSON.readTree(r.body());
      return body.path("slots-total").asInt(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The jars of {@link #DISTRIBUTION} on this JVM's classpath, found by their Maven repository path
   * ({@code .../<artifact>/<version>/<artifact>-<version>.jar}), so that test jars and classified
   * variants stay out.
   */
  static String distributionClasspath() {
    List<String> jars = new ArrayList<>();
    Set<String> found = new TreeSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path versionDir = jar.getParent();
      if (versionDir == null || versionDir.getParent() == null) {
        continue;
      }
      String version = versionDir.getFileName().toString();
      String artifact = versionDir.getParent().getFileName().toString();
      if (DISTRIBUTION.contains(artifact)
          && jar.getFileName().toString().equals(artifact + "-" + version + ".jar")) {
        jars.add(entry);
        found.add(artifact);
      }
    }
    Set<String> missing = new TreeSet<>(DISTRIBUTION);
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the test classpath lacks these parts of the Flink distribution: "
              + missing
              + " (declare them as test dependencies of hotline-jobs)");
    }
    return String.join(File.pathSeparator, jars);
  }

  /** Creates {@code d}, or empties it of an earlier attempt's files (log4j appends to them). */
  private static void emptyDirectory(Path d) throws IOException {
    Files.createDirectories(d);
    try (Stream<Path> files = Files.list(d)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
  }

  private Path confDir() {
    return dir.resolve("conf");
  }

  private void killAll() {
    processes.forEach(Process::destroyForcibly);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  private static List<String> readLines(Path file) {
    if (!Files.exists(file)) {
      return new ArrayList<>();
    }
    try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
      return new ArrayList<>(lines.toList());
    } catch (IOException | UncheckedIOException e) {
      return new ArrayList<>(List.of("(cannot read " + file + ": " + e.getMessage() + ")"));
    }
  }
}
