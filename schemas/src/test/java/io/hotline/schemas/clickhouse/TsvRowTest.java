package io.hotline.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.ChinaTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TabSeparated cells: escaping, NULLs, and China wall-clock times. */
class TsvRowTest {
  private static final DateTimeFormatter WALL_CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Test
  void textIsEscapedSoNoValueLeavesItsCell() {
    assertThat(row(r -> r.text("plain").text(null).text("")))
        .isEqualTo("plain\t\t\n"); // absent text is an empty cell
    assertThat(row(r -> r.text("a\tb\nc\\d\re\0f\bg\fh")))
        .isEqualTo("a\\tb\\nc\\\\d\\re\\0f\\bg\\fh\n");
    assertThat(row(r -> r.text("\\").text("工伤\u0001x"))).isEqualTo("\\\\\t工伤\u0001x\n");
  }

  @Test
  void numbersFlagsNullsAndArrays() {
    assertThat(
            row(
                r ->
                    r.number(-5)
                        .nullableNumber(null)
                        .nullableNumber(7L)
                        .flag(true)
                        .flag(false)
                        .array(new long[] {1, 20})
                        .array(new long[0])
                        .nullableDateTime(null)))
        .isEqualTo("-5\t\\N\t7\t1\t0\t[1,20]\t[]\t\\N\n");
  }

  @Test
  void timesAreChinaWallClockInWholeSeconds() {
    assertThat(row(r -> r.dateTime(Instant.parse("2025-03-14T15:59:59.999Z"))))
        .isEqualTo("2025-03-14 23:59:59\n");
    assertThat(row(r -> r.dateTime(Instant.parse("2025-03-14T16:00:00Z"))))
        .isEqualTo("2025-03-15 00:00:00\n");
    assertThat(row(r -> r.date(LocalDate.of(2025, 1, 2)))).isEqualTo("2025-01-02\n");
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L)); // 1970..2100
      assertThat(row(r -> r.dateTime(t).date(ChinaTime.day(t))))
          .isEqualTo(WALL_CLOCK.format(ChinaTime.local(t)) + "\t" + ChinaTime.day(t) + "\n");
    }
  }

  private static String row(java.util.function.Consumer<TsvRow> cells) {
    StringBuilder out = new StringBuilder();
    TsvRow r = new TsvRow(out);
    cells.accept(r);
    r.end();
    return out.toString();
  }

  @Test
  void textArraysQuoteEachElementAndKeepTheCellOnOneLine() {
    StringBuilder out = new StringBuilder();
    new TsvRow(out)
        .textArray(java.util.List.of("符合", "it's", "a\\b\tc\nd"))
        .nullableDecimal(null)
        .nullableDecimal(0.5)
        .end();
    assertThat(out).hasToString("['符合','it\\'s','a\\\\b\\tc\\nd']\t\\N\t0.5\n");
  }
}
