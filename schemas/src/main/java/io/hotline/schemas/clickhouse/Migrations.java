package io.hotline.schemas.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a ClickHouse database up to the schema this build expects, by applying the versioned DDL
 * files under {@code clickhouse/migrations/} that the database has not seen yet and recording each
 * in {@code schema_migrations}.
 *
 * <p>ClickHouse DDL is not transactional: a migration that fails half-way leaves what it created.
 * Migrations therefore use {@code CREATE ... IF NOT EXISTS} so applying one again after fixing the
 * cause completes it. Two processes migrating the same database at the same moment are not guarded
 * against; the stack and the tests migrate from one process.
 */
public final class Migrations {

  /** Classpath resource listing the migration files in order, so the list works from a jar. */
  public static final String INDEX = "clickhouse/migrations/index.txt";

  /** The table recording which migrations a database has applied. */
  public static final String HISTORY_TABLE = "schema_migrations";

  private static final String DIRECTORY = "clickhouse/migrations/";
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** The migrations shipped with this build, in the order of {@link #INDEX}. */
  public static List<Migration> bundled() {
    List<Migration> migrations = new ArrayList<>();
    for (String fileName : indexEntries()) {
      migrations.add(Migration.of(fileName, resourceText(DIRECTORY + fileName)));
    }
    return migrations;
  }

  /**
   * Creates the database if missing and applies the bundled migrations it lacks.
   *
   * @return the migrations applied by this call, empty when the database was up to date
   * @throws IllegalStateException when an applied migration's file has changed since
   */
  public static List<Migration> apply(ClickHouseConfig config) throws SQLException {
    return apply(config, bundled());
  }

  /**
   * Creates the database if missing and applies those of {@code migrations} it lacks, in version
   * order. Versions the database has but the list lacks (applied by a newer build) are left alone.
   *
   * @return the migrations applied by this call, empty when the database was up to date
   * @throws IllegalStateException when an applied migration's file has changed since
   */
  public static List<Migration> apply(ClickHouseConfig config, List<Migration> migrations)
      throws SQLException {
    requireIncreasingVersions(migrations);
    createDatabase(config);
    List<Migration> newlyApplied = new ArrayList<>();
    try (Connection c = config.connect()) {
      createHistoryTable(c);
      Map<Integer, Applied> applied = appliedIn(c);
      // Every checksum is checked before anything runs, so an edited file stops the whole run.
      for (Migration m : migrations) {
        refuseIfChanged(config, m, applied.get(m.version()));
      }
      for (Migration m : migrations) {
        if (!applied.containsKey(m.version())) {
          run(c, m);
          record(c, m);
          LOG.info("applied ClickHouse migration {} to {}", m.fileName(), config.database());
          newlyApplied.add(m);
        }
      }
    }
    return newlyApplied;
  }

  /** The versions recorded in the database's history table, in order, with names and checksums. */
  public static Map<Integer, Applied> applied(ClickHouseConfig config) throws SQLException {
    try (Connection c = config.connect()) {
      return appliedIn(c);
    }
  }

  /**
   * A row of the history table.
   *
   * @param version the migration's version
   * @param name the migration's name
   * @param checksum the checksum of the file as it was applied
   */
  public record Applied(int version, String name, String checksum) {}

  private static void createDatabase(ClickHouseConfig config) throws SQLException {
    try (Connection c = config.connectWithoutDatabase();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS `" + config.database() + "`");
    }
  }

  private static void createHistoryTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // ReplacingMergeTree keyed by version: recording a version twice still reads as one row.
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + HISTORY_TABLE
              + " (version UInt32, name String, checksum String,"
              + " applied_at DateTime('Asia/Shanghai'))"
              + " ENGINE = ReplacingMergeTree() ORDER BY version");
    }
  }

  private static Map<Integer, Applied> appliedIn(Connection c) throws SQLException {
    Map<Integer, Applied> applied = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, name, checksum FROM "
                    + HISTORY_TABLE
                    + " FINAL ORDER BY version")) {
      while (rs.next()) {
        Applied a = new Applied(rs.getInt(1), rs.getString(2), rs.getString(3));
        applied.put(a.version(), a);
      }
    }
    return applied;
  }

  private static void refuseIfChanged(ClickHouseConfig config, Migration m, Applied applied) {
    if (applied != null && !applied.checksum().equals(m.checksum())) {
      throw new IllegalStateException(
          "ClickHouse migration "
              + m.fileName()
              + " has changed since it was applied to database "
              + config.database()
              + " (checksum "
              + applied.checksum()
              + " then, "
              + m.checksum()
              + " now): restore the file and add a new migration for the change");
    }
  }

  private static void run(Connection c, Migration m) throws SQLException {
    for (String sql : m.statements()) {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new SQLException(
            "ClickHouse migration " + m.fileName() + " failed: " + e.getMessage(), e);
      }
    }
  }

  private static void record(Connection c, Migration m) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + HISTORY_TABLE
                + " (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
      ps.setInt(1, m.version());
      ps.setString(2, m.name());
      ps.setString(3, m.checksum());
      // Epoch seconds: unambiguous whatever the server's or this JVM's time zone.
      ps.setLong(4, System.currentTimeMillis() / 1000);
      ps.executeUpdate();
    }
  }

  private static void requireIncreasingVersions(List<Migration> migrations) {
    for (int i = 1; i < migrations.size(); i++) {
      Migration before = migrations.get(i - 1);
      Migration after = migrations.get(i);
      if (after.version() <= before.version()) {
        throw new IllegalArgumentException(
            "ClickHouse migrations must be listed in increasing version order without repeats: "
                + before.fileName()
                + " comes before "
                + after.fileName()
                + " in "
                + INDEX);
      }
    }
  }

  private static List<String> indexEntries() {
    List<String> entries = new ArrayList<>();
    for (String line : resourceText(INDEX).split("\\R")) {
      String entry = line.strip();
      if (!entry.isEmpty() && !entry.startsWith("#")) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static String resourceText(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "ClickHouse migration resource " + resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
