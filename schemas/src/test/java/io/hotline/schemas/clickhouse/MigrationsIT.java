package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotline.schemas.testing.ClickHouseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClickHouseExtension.class)
class MigrationsIT {

  private static final List<String> TABLES =
      List.of(
          "alerts",
          "audit_draws",
          "audit_samples",
          "audit_scores",
          "calls",
          "calls_daily",
          "calls_monthly",
          "dead_letters",
          "metrics_minute",
          "recording_matches",
          "recordings",
          "rollup_days",
          "schema_migrations",
          "sms",
          "sms_daily",
          "topics_daily",
          "topics_region_daily");

  /** Append-only records: each row is a fact of its own (a draw, an import), never replaced. */
  private static final List<String> APPEND_ONLY = List.of("audit_draws", "audit_scores");

  private static final Migration FIRST =
      Migration.of(
          "V001__first.sql",
          "CREATE TABLE IF NOT EXISTS first (x UInt8) ENGINE = MergeTree ORDER BY x;\n");
  private static final Migration SECOND =
      Migration.of(
          "V002__second.sql",
          "CREATE TABLE IF NOT EXISTS second (x UInt8) ENGINE = MergeTree ORDER BY x;\n"
              + "INSERT INTO second VALUES (7);\n");

  @Test
  void applyingTwiceIsApplyingOnce(ClickHouseConfig migrated) throws SQLException {
    ClickHouseConfig fresh = migrated.withDatabase(migrated.database() + "_fresh");
    try {
      List<Migration> first = Migrations.apply(fresh);
      List<String> tablesAfterFirst = tables(fresh);
      List<Migration> second = Migrations.apply(fresh);

      assertThat(first)
          .extracting(Migration::fileName)
          .containsExactlyElementsOf(
              Migrations.bundled().stream().map(Migration::fileName).toList());
      assertThat(second).isEmpty();
      assertThat(tables(fresh)).isEqualTo(tablesAfterFirst).containsExactlyElementsOf(TABLES);
      // Raw count, not FINAL: the second run must not even write duplicate history rows.
      assertThat(longQuery(fresh, "SELECT count() FROM schema_migrations"))
          .isEqualTo(Migrations.bundled().size());
    } finally {
      drop(fresh);
    }
  }

  @Test
  void theExtensionsDatabaseIsFullyMigrated(ClickHouseConfig migrated) throws SQLException {
    assertThat(tables(migrated)).containsExactlyElementsOf(TABLES);
    assertThat(Migrations.applied(migrated).keySet())
        .containsExactlyElementsOf(Migrations.bundled().stream().map(Migration::version).toList())
        .hasSize(17);
    assertThat(Migrations.apply(migrated)).isEmpty();
  }

  @Test
  void appliesOnlyTheMigrationsNotYetRecorded(ClickHouseConfig migrated) throws SQLException {
    ClickHouseConfig db = migrated.withDatabase(migrated.database() + "_steps");
    try {
      assertThat(Migrations.apply(db, List.of(FIRST))).containsExactly(FIRST);
      assertThat(Migrations.apply(db, List.of(FIRST, SECOND))).containsExactly(SECOND);

      // SECOND's INSERT ran exactly once.
      assertThat(longQuery(db, "SELECT count() FROM second")).isEqualTo(1);
      assertThat(Migrations.applied(db).get(2).checksum()).isEqualTo(SECOND.checksum());
    } finally {
      drop(db);
    }
  }

  @Test
  void refusesAMigrationChangedAfterItWasApplied(ClickHouseConfig migrated) throws SQLException {
    ClickHouseConfig db = migrated.withDatabase(migrated.database() + "_edited");
    try {
      Migrations.apply(db, List.of(FIRST));
      Migration edited = Migration.of("V001__first.sql", FIRST.sql().replace("UInt8", "UInt16"));

      assertThatThrownBy(() -> Migrations.apply(db, List.of(edited, SECOND)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "ClickHouse migration V001__first.sql has changed since it was applied to database "
                  + db.database()
                  + " (checksum "
                  + FIRST.checksum()
                  + " then, "
                  + edited.checksum()
                  + " now): restore the file and add a new migration for the change");
      // Nothing after the edited file ran either.
      assertThat(tables(db)).doesNotContain("second");
    } finally {
      drop(db);
    }
  }

  @Test
  void everyTableThatCanReceiveARowTwiceIsAReplacingMergeTree(ClickHouseConfig db)
      throws SQLException {
    List<String> engines =
        strings(
            db,
            "SELECT engine FROM system.tables WHERE database = '"
                + db.database()
                + "' AND name NOT IN ('schema_migrations', '"
                + String.join("', '", APPEND_ONLY)
                + "')");

    assertThat(engines)
        .hasSize(TABLES.size() - 1 - APPEND_ONLY.size())
        .containsOnly("ReplacingMergeTree");
  }

  @Test
  void callsKeepsTheLatestVersionOfADuplicatedCall(ClickHouseConfig db) throws SQLException {
    // 2025-03-14 16:30:00 UTC is 00:30 on the 15th in China: the day must be the 15th.
    String row =
        "call_id, line, center, province, arrived_at, ended_at, arrived_at_ms, ended_at_ms,"
            + " counted_at, queued_at, queued_at_ms, wait_ms, offered, abandoned, end_reason,"
            + " version) VALUES ('c-1', '12333', '320100', '320000', 1741969800, 1741969900,"
            + " 1741969800123, 1741969900456, 1741969805, 1741969805, 1741969805000, 95000, 1, 1,";
    execute(db, "INSERT INTO calls (" + row + " 'caller_hangup', 1)");
    execute(db, "INSERT INTO calls (" + row + " 'system', 2)");

    assertThat(longQuery(db, "SELECT count() FROM calls FINAL")).isEqualTo(1);
    assertThat(strings(db, "SELECT end_reason FROM calls FINAL")).containsExactly("system");
    assertThat(strings(db, "SELECT toString(day) FROM calls FINAL")).containsExactly("2025-03-15");
    assertThat(strings(db, "SELECT toString(counted_at) FROM calls FINAL"))
        .containsExactly("2025-03-15 00:30:05");
    assertThat(longQuery(db, "SELECT isNull(answered_at) FROM calls FINAL")).isEqualTo(1);
  }

  @Test
  void recordingsKeepTheLatestVersion(ClickHouseConfig db) throws SQLException {
    for (int version = 1; version <= 2; version++) {
      execute(
          db,
          "INSERT INTO recordings (recording_id, call_id, center, province, started_at,"
              + " started_at_ms, duration_ms, uri, bytes, version) VALUES ('r-1', 'c-1', '320100',"
              + " '320000', 1741969800, 1741969800000, 280000, 's3://rec/r-1.wav', NULL, "
              + version
              + ")");
    }

    assertThat(longQuery(db, "SELECT count() FROM recordings FINAL")).isEqualTo(1);
    assertThat(longQuery(db, "SELECT duration_ms FROM recordings FINAL")).isEqualTo(280_000);
  }

  @Test
  void smsKeepsOneRowPerMessage(ClickHouseConfig db) throws SQLException {
    for (int version = 1; version <= 2; version++) {
      execute(
          db,
          "INSERT INTO sms (sms_id, line, center, province, direction, sent_at, sent_at_ms,"
              + " segments, status, version) VALUES ('s-1', '12333', '320100', '320000', 'mo',"
              + " 1741969800, 1741969800000, 2, 'delivered', "
              + version
              + ")");
    }

    assertThat(longQuery(db, "SELECT sum(segments) FROM sms FINAL")).isEqualTo(2);
  }

  @Test
  void replayedDeadLettersDoNotAddRows(ClickHouseConfig db) throws SQLException {
    // The same Kafka record refused twice, the second time on a replay an hour later.
    for (long receivedAt : new long[] {1741969800L, 1741973400L}) {
      execute(
          db,
          "INSERT INTO dead_letters (received_at, kind, source, `partition`, `offset`, reason,"
              + " field, raw, version) VALUES ("
              + receivedAt
              + ", 'cdr', 'cdr', 3, 1042, 'is required', 'line', '{\"call_id\":\"c-9\"}', "
              + receivedAt
              + ")");
    }

    assertThat(longQuery(db, "SELECT count() FROM dead_letters FINAL")).isEqualTo(1);
    assertThat(strings(db, "SELECT toString(received_at) FROM dead_letters FINAL"))
        .containsExactly("2025-03-15 01:30:00");
  }

  @Test
  void aRewrittenMinuteReplacesTheEarlierWindow(ClickHouseConfig db) throws SQLException {
    execute(
        db,
        "INSERT INTO metrics_minute (minute, line, center, province, offered, answered,"
            + " wait_hist_seconds, wait_hist_calls, version) VALUES (1741969800, '12333',"
            + " '320100', '320000', 3, 2, [0, 1], [1, 1], 1)");
    execute(
        db,
        "INSERT INTO metrics_minute (minute, line, center, province, offered, answered,"
            + " wait_hist_seconds, wait_hist_calls, version) VALUES (1741969800, '12333',"
            + " '320100', '320000', 4, 3, [0, 2], [2, 1], 2)");

    assertThat(longQuery(db, "SELECT sum(offered) FROM metrics_minute FINAL")).isEqualTo(4);
    assertThat(
            strings(
                db,
                "SELECT toString(sumMap(wait_hist_seconds, wait_hist_calls))"
                    + " FROM metrics_minute FINAL"))
        .containsExactly("([0,2],[2,1])");
    assertThat(strings(db, "SELECT toString(day) FROM metrics_minute FINAL"))
        .containsExactly("2025-03-15");
  }

  private static List<String> tables(ClickHouseConfig db) throws SQLException {
    return strings(
        db,
        "SELECT name FROM system.tables WHERE database = '" + db.database() + "' ORDER BY name");
  }

  private static void execute(ClickHouseConfig db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long longQuery(ClickHouseConfig db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getLong(1);
    }
  }

  private static List<String> strings(ClickHouseConfig db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void drop(ClickHouseConfig db) throws SQLException {
    try (Connection c = db.connectWithoutDatabase();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + db.database() + "`");
    }
  }
}
