package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

  private static final String TWO_STATEMENTS =
      "-- why this table\n"
          + "CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x;\n"
          + "\n"
          + "-- and why this one\n"
          + "CREATE TABLE IF NOT EXISTS b (s String DEFAULT 'a;b') ENGINE = MergeTree ORDER BY s;  \n"
          + "-- trailing comment only\n";

  @Test
  void parsesVersionAndNameFromTheFileName() {
    Migration m = Migration.of("V012__audit_scores.sql", "SELECT 1;");

    assertThat(m.version()).isEqualTo(12);
    assertThat(m.name()).isEqualTo("audit_scores");
    assertThat(m.fileName()).isEqualTo("V012__audit_scores.sql");
  }

  @Test
  void refusesFileNamesOutsideTheConvention() {
    assertThatThrownBy(() -> Migration.of("001_calls.sql", "SELECT 1;"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("migration file name must look like V001__some_name.sql, got: 001_calls.sql");
  }

  @Test
  void splitsStatementsAtSemicolonsThatEndALine() {
    List<String> statements = Migration.of("V001__two.sql", TWO_STATEMENTS).statements();

    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).startsWith("-- why this table").endsWith("ORDER BY x");
    // A semicolon inside a line is part of the statement.
    assertThat(statements.get(1)).contains("DEFAULT 'a;b'").endsWith("ORDER BY s");
  }

  @Test
  void refusesAFileWithOnlyComments() {
    assertThatThrownBy(() -> Migration.of("V003__nothing.sql", "-- to do\n\n"))
        .hasMessage("migration V003__nothing.sql has no statement");
  }

  @Test
  void checksumIgnoresLineEndingsButNotContent() {
    Migration unix = Migration.of("V001__two.sql", TWO_STATEMENTS);
    Migration windows = Migration.of("V001__two.sql", TWO_STATEMENTS.replace("\n", "\r\n"));
    Migration edited = Migration.of("V001__two.sql", TWO_STATEMENTS.replace("UInt8", "UInt16"));

    assertThat(windows.checksum()).isEqualTo(unix.checksum());
    assertThat(edited.checksum()).isNotEqualTo(unix.checksum());
    assertThat(unix.checksum()).hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void bundledMigrationsAreListedInVersionOrder() {
    List<Migration> bundled = Migrations.bundled();

    assertThat(bundled)
        .extracting(Migration::fileName)
        .startsWith(
            "V001__calls.sql",
            "V002__recordings.sql",
            "V003__sms.sql",
            "V004__dead_letters.sql",
            "V005__metrics_minute.sql");
    assertThat(bundled).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void bundledMigrationsAvoidSqlThatClickHouse1816Lacks() {
    for (Migration m : Migrations.bundled()) {
      assertThat(m.sql())
          .as(m.fileName())
          .doesNotContainIgnoringCase("DateTime64")
          .doesNotContainIgnoringCase(" TTL ")
          .doesNotContainIgnoringCase("LowCardinality")
          .doesNotContainIgnoringCase("toStartOfInterval")
          .doesNotContainIgnoringCase("JSONExtract");
      // Re-running a half-applied migration must not fail on what it already created.
      for (String statement : m.statements()) {
        if (statement.contains("CREATE TABLE")) {
          assertThat(statement).as(m.fileName()).contains("CREATE TABLE IF NOT EXISTS");
        }
      }
    }
  }

  @Test
  void refusesMigrationsOutOfOrder() {
    List<Migration> outOfOrder =
        List.of(Migration.of("V002__b.sql", "SELECT 1;"), Migration.of("V001__a.sql", "SELECT 1;"));

    assertThatThrownBy(() -> Migrations.apply(ClickHouseConfig.defaults(), outOfOrder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ClickHouse migrations must be listed in increasing version order without repeats:"
                + " V002__b.sql comes before V001__a.sql in clickhouse/migrations/index.txt");
  }
}
