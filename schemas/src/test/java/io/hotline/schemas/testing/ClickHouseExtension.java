package io.hotline.schemas.testing;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.LocalClickHouse;
import io.hotline.schemas.clickhouse.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real ClickHouse: one {@code clickhouse-server} per JVM on free
 * ports in a temporary directory, and a fresh database {@code it_<random>} with every migration
 * applied, injected as a {@link ClickHouseConfig} parameter and dropped afterwards.
 *
 * <p>A parameter of a test or {@code @BeforeEach} method gets a database for that test; a parameter
 * of a {@code @BeforeAll} method or constructor gets one shared by the class:
 *
 * <pre>{@code
 * @ExtendWith(ClickHouseExtension.class)
 * class CallsSinkIT {
 *   @Test
 *   void writesCalls(ClickHouseConfig clickHouse) { ... }
 * }
 * }</pre>
 */
public final class ClickHouseExtension implements ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(ClickHouseExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ClickHouseConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // The root store lives as long as the test run, i.e. the JVM; the context's store is closed
    // when its test or class finishes, which drops the database.
    Server server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class);
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Database.class, k -> Database.create(server), Database.class)
        .config();
  }

  /** The JVM's server; closed with the root context and, as a safety net, at JVM exit. */
  private static final class Server implements ExtensionContext.Store.CloseableResource {
    private static final int ATTEMPTS = 3;

    private final LocalClickHouse clickHouse;

    private Server(LocalClickHouse clickHouse) {
      this.clickHouse = clickHouse;
    }

    static Server start() {
      IllegalStateException last = null;
      // A free port can be taken by another process between probing and binding; try again.
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Path dir = tempDir();
        LocalClickHouse ch = new LocalClickHouse(dir, freePort(), freePort());
        try {
          ch.start();
          Server server = new Server(ch);
          Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-clickhouse"));
          return server;
        } catch (IllegalStateException e) {
          last = e;
          ch.stop();
          deleteRecursively(dir);
          if (e.getMessage().equals(LocalClickHouse.NOT_INSTALLED)) {
            throw e;
          }
        }
      }
      throw last;
    }

    ClickHouseConfig config() {
      return clickHouse.config();
    }

    @Override
    public synchronized void close() {
      if (clickHouse.isRunning()) {
        clickHouse.stop();
        deleteRecursively(clickHouse.dir());
      }
    }
  }

  /** A throwaway database on the server, dropped when its test context closes. */
  private record Database(ClickHouseConfig config)
      implements ExtensionContext.Store.CloseableResource {

    static Database create(Server server) {
      String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      ClickHouseConfig config = server.config().withDatabase(name);
      try {
        Migrations.apply(config);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot migrate test database " + name, e);
      }
      return new Database(config);
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = config.connectWithoutDatabase();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS `" + config.database() + "`");
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("hotline-clickhouse-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leftover files in the temporary directory do no harm.
    }
  }
}
