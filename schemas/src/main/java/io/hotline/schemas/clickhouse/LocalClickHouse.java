package io.hotline.schemas.clickhouse;

import static io.hotline.schemas.local.ServerProcess.requireFree;
import static io.hotline.schemas.local.ServerProcess.requirePort;

import io.hotline.schemas.local.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A real {@code clickhouse-server} process for one machine, with its configuration, data and logs
 * in a directory of its own (e.g. {@code var/clickhouse}), listening on 127.0.0.1 only. It outlives
 * the JVM that started it until {@link #stop()} is called, so later commands can use it.
 *
 * <p>Layout of the directory: {@code config.xml} and {@code users.xml} (copied from the Debian
 * package's {@code /etc/clickhouse-server} and rewritten), {@code data/}, {@code log/} and {@code
 * clickhouse-server.pid}.
 */
public final class LocalClickHouse {

  /** The message when the server binary cannot be found. */
  public static final String NOT_INSTALLED =
      "clickhouse-server is not installed: run `apt-get install -y clickhouse-server` (as root)";

  /** Where the package installs its configuration, used as the template. */
  public static final Path SYSTEM_CONFIG_DIR = Path.of("/etc/clickhouse-server");

  private static final String BINARY = "clickhouse-server";
  private static final List<Path> FALLBACK_BIN_DIRS =
      List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));
  private static final String LISTEN_HOST = "127.0.0.1";
  private static final Duration START_DEADLINE = Duration.ofSeconds(30);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          // Plain HTTP/1.1: no h2c upgrade attempt for an old server to puzzle over.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  /** Top-level elements naming listeners this server must not open (other protocols, TLS). */
  private static final List<String> UNWANTED_LISTENERS =
      List.of(
          "listen_host",
          "https_port",
          "tcp_port_secure",
          "interserver_https_port",
          "mysql_port",
          "postgresql_port",
          "grpc_port",
          "interserver_http_port");

  private final Path dir;
  private final int httpPort;
  private final int tcpPort;
  private final int interserverPort;
  private final ServerProcess process;

  /**
   * A server in {@code dir} on the given ports, with no interserver (replication) port: a single
   * server has no replicas to talk to, and one port fewer is one conflict fewer.
   */
  public LocalClickHouse(Path dir, int httpPort, int tcpPort) {
    this(dir, httpPort, tcpPort, 0);
  }

  /**
   * A server in {@code dir} on the given ports.
   *
   * @param interserverPort the replication port, or 0 for none
   */
  public LocalClickHouse(Path dir, int httpPort, int tcpPort, int interserverPort) {
    this.dir = dir.toAbsolutePath().normalize();
    this.httpPort = requirePort("ClickHouse HTTP port", httpPort);
    this.tcpPort = requirePort("ClickHouse TCP port", tcpPort);
    this.interserverPort =
        interserverPort == 0 ? 0 : requirePort("ClickHouse interserver port", interserverPort);
    this.process =
        new ServerProcess(
            BINARY, this.dir.resolve("clickhouse-server.pid"), LocalClickHouse::isClickHouse);
  }

  /**
   * The server last configured in {@code dir}, with the ports of its {@code config.xml}; empty when
   * the directory holds no configuration yet. Lets a later command find a server it did not start.
   */
  public static Optional<LocalClickHouse> existing(Path dir) {
    Path config = dir.resolve("config.xml");
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    Element root = parse(readString(config)).getDocumentElement();
    return Optional.of(
        new LocalClickHouse(
            dir,
            intChild(root, "http_port", 0),
            intChild(root, "tcp_port", 0),
            intChild(root, "interserver_http_port", 0)));
  }

  public Path dir() {
    return dir;
  }

  public int httpPort() {
    return httpPort;
  }

  public int tcpPort() {
    return tcpPort;
  }

  /** The interserver port, 0 when the server opens none. */
  public int interserverPort() {
    return interserverPort;
  }

  /** The HTTP address, {@code http://127.0.0.1:<httpPort>}. */
  public String url() {
    return "http://" + LISTEN_HOST + ":" + httpPort;
  }

  /** The default configuration pointed at this server. */
  public ClickHouseConfig config() {
    return ClickHouseConfig.defaults().withUrl(url());
  }

  /**
   * Starts the server unless it already runs from this directory, and returns once it answers
   * {@code /ping}.
   *
   * @throws IllegalStateException when the binary is missing, a port is taken, or the server does
   *     not come up; the message says which
   */
  public void start() {
    Optional<ProcessHandle> running = process.find();
    if (running.isPresent()) {
      requireSamePorts();
      // Started by an earlier command; it may still be coming up.
      awaitPing(running.get(), null);
      return;
    }
    Path binary = requireBinary(System.getenv("PATH"), FALLBACK_BIN_DIRS);
    requireFree("ClickHouse HTTP", LISTEN_HOST, httpPort);
    requireFree("ClickHouse TCP", LISTEN_HOST, tcpPort);
    if (interserverPort != 0) {
      requireFree("ClickHouse interserver", LISTEN_HOST, interserverPort);
    }
    writeConfiguration();
    Process started = launch(binary);
    process.writePid(started.pid());
    awaitPing(started.toHandle(), started);
  }

  private void requireSamePorts() {
    existing(dir)
        .filter(current -> current.httpPort != httpPort || current.tcpPort != tcpPort)
        .ifPresent(
            current -> {
              throw new IllegalStateException(
                  "clickhouse-server already runs from "
                      + dir
                      + " on "
                      + current.url()
                      + ": stop it before starting it on port "
                      + httpPort);
            });
  }

  /**
   * Stops the server started from this directory: SIGTERM, then SIGKILL if it has not exited within
   * 30 s.
   *
   * @return whether a running server was stopped
   */
  public boolean stop() {
    return process.stop(STOP_DEADLINE);
  }

  /** Whether the process recorded in this directory's pid file is alive and is ClickHouse. */
  public boolean isRunning() {
    return process.isRunning();
  }

  /** The pid of the running server, if any. */
  public OptionalLong pid() {
    return process.pid();
  }

  /** Whether a server answers {@code GET /ping} with {@code Ok.} on this server's HTTP port. */
  public boolean ping() {
    return ping(url());
  }

  /** Whether the ClickHouse server at {@code url} answers {@code GET /ping} with {@code Ok.}. */
  public static boolean ping(String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().strip().equals("Ok.");
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The log file with the server's errors, the first place to look when it misbehaves. */
  public Path errorLog() {
    return dir.resolve("log/clickhouse-server.err.log");
  }

  /** Like {@link #findBinary} but fails with {@link #NOT_INSTALLED} when there is none. */
  static Path requireBinary(String pathEnv, List<Path> extraDirs) {
    return findBinary(pathEnv, extraDirs)
        .orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
  }

  /**
   * Finds {@code clickhouse-server} on the {@code PATH}, then in {@code extraDirs} (Debian puts it
   * in {@code /usr/sbin}, which an ordinary user's {@code PATH} lacks).
   */
  static Optional<Path> findBinary(String pathEnv, List<Path> extraDirs) {
    List<Path> dirs = new ArrayList<>();
    if (pathEnv != null) {
      for (String entry : pathEnv.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          dirs.add(Path.of(entry));
        }
      }
    }
    dirs.addAll(extraDirs);
    return dirs.stream()
        .map(d -> d.resolve(BINARY))
        .filter(f -> Files.isRegularFile(f) && Files.isExecutable(f))
        .findFirst();
  }

  /**
   * Rewrites the package's {@code config.xml} for this directory and these ports: every data and
   * log path moves under the directory, the server listens on 127.0.0.1 only, and listeners for
   * other protocols (MySQL, PostgreSQL, TLS, gRPC) are dropped.
   */
  static String rewriteConfig(
      String packageConfigXml, Path dir, int httpPort, int tcpPort, int interserverPort) {
    Document doc = parse(packageConfigXml);
    Element root = doc.getDocumentElement();
    relocatePaths(root, dir);
    for (String name : UNWANTED_LISTENERS) {
      removeChildren(root, name);
    }
    setChild(root, "listen_host", LISTEN_HOST);
    setChild(root, "http_port", Integer.toString(httpPort));
    setChild(root, "tcp_port", Integer.toString(tcpPort));
    if (interserverPort != 0) {
      setChild(root, "interserver_http_port", Integer.toString(interserverPort));
    }
    return serialize(doc);
  }

  private void writeConfiguration() {
    Path packageConfig = SYSTEM_CONFIG_DIR.resolve("config.xml");
    Path packageUsers = SYSTEM_CONFIG_DIR.resolve("users.xml");
    if (!Files.isRegularFile(packageConfig) || !Files.isRegularFile(packageUsers)) {
      throw new IllegalStateException(
          NOT_INSTALLED + " (" + SYSTEM_CONFIG_DIR + " lacks config.xml or users.xml)");
    }
    try {
      Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(dir.resolve("log"));
      String config =
          rewriteConfig(readString(packageConfig), dir, httpPort, tcpPort, interserverPort);
      Files.writeString(dir.resolve("config.xml"), config, StandardCharsets.UTF_8);
      Files.copy(
          packageUsers,
          dir.resolve("users.xml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ClickHouse configuration in " + dir, e);
    }
  }

  private Process launch(Path binary) {
    List<String> command = List.of(binary.toString(), "--config-file=" + dir.resolve("config.xml"));
    return ServerProcess.launch(command, dir, consoleLog(), binary.toString());
  }

  private void awaitPing(ProcessHandle server, Process startedNow) {
    switch (process.awaitReady(server, startedNow, START_DEADLINE, POLL, this::ping)) {
      case READY -> {}
      case EXITED ->
          throw new IllegalStateException(
              "clickhouse-server exited while starting"
                  + exitCode(startedNow)
                  + "; see "
                  + errorLog()
                  + " and "
                  + consoleLog()
                  + lastLines());
      case TIMED_OUT ->
          throw new IllegalStateException(
              "clickhouse-server did not answer on "
                  + url()
                  + "/ping within "
                  + START_DEADLINE.toSeconds()
                  + " s; see "
                  + errorLog()
                  + lastLines());
    }
  }

  private static String exitCode(Process p) {
    try {
      return p != null && p.waitFor(1, TimeUnit.SECONDS)
          ? " (exit code " + p.exitValue() + ")"
          : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private String lastLines() {
    // No filter: the error log holds nothing but errors, and is read first.
    return ServerProcess.lastLines(List.of(errorLog(), consoleLog()), line -> false);
  }

  private static boolean isClickHouse(ProcessHandle p) {
    return p.info().command().map(c -> c.contains("clickhouse")).orElse(true);
  }

  private Path consoleLog() {
    return dir.resolve("log/console.log");
  }

  private static void relocatePaths(Node node, Path dir) {
    // Every absolute path of the package (data, tmp, user files, format schemas, access control,
    // logs) moves under dir, whatever element holds it, so newer package configs work too.
    NodeList children = node.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child.getNodeType() == Node.TEXT_NODE) {
        String text = child.getNodeValue().strip();
        String moved = relocate(text, "/var/lib/clickhouse", dir.resolve("data"));
        moved = relocate(moved, "/var/log/clickhouse-server", dir.resolve("log"));
        if (!moved.equals(text)) {
          child.setNodeValue(moved);
        }
      } else if (child.getNodeType() == Node.ELEMENT_NODE) {
        relocatePaths(child, dir);
      }
    }
  }

  private static String relocate(String text, String prefix, Path target) {
    if (text.equals(prefix) || text.startsWith(prefix + "/")) {
      return target + text.substring(prefix.length());
    }
    return text;
  }

  private static void removeChildren(Element root, String name) {
    for (Element e : children(root, name)) {
      root.removeChild(e);
    }
  }

  private static void setChild(Element root, String name, String value) {
    List<Element> existing = children(root, name);
    Element e = existing.isEmpty() ? root.getOwnerDocument().createElement(name) : existing.get(0);
    e.setTextContent(value);
    if (existing.isEmpty()) {
      root.appendChild(e);
    }
  }

  private static List<Element> children(Element root, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = root.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static int intChild(Element root, String name, int absent) {
    List<Element> found = children(root, name);
    return found.isEmpty() ? absent : Integer.parseInt(found.get(0).getTextContent().strip());
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException(
          "cannot read the ClickHouse configuration: " + e.getMessage(), e);
    }
  }

  private static String serialize(Document doc) {
    try {
      var t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write the ClickHouse configuration", e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
