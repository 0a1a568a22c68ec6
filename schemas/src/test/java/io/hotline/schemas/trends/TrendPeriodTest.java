package io.hotline.schemas.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrendPeriodTest {
  @Test
  void readsEveryNotationAnAnalystUses() {
    assertEquals(period("2025-03-01", "2025-03-31"), span(TrendPeriod.parse("2025-03")));
    assertEquals(period("2024-02-01", "2024-02-29"), span(TrendPeriod.parse("2024-02")));
    assertEquals(period("2025-01-01", "2025-12-31"), span(TrendPeriod.parse("2025")));
    // ISO week 1 of 2025 starts on Monday 30 December 2024.
    assertEquals(period("2024-12-30", "2025-01-05"), span(TrendPeriod.parse("2025-W01")));
    assertEquals(period("2025-03-03", "2025-03-09"), span(TrendPeriod.parse("2025-W10")));
    assertEquals(period("2025-03-14", "2025-03-14"), span(TrendPeriod.parse("2025-03-14")));
    assertEquals(
        period("2025-03-01", "2025-03-20"), span(TrendPeriod.parse("2025-03-01..2025-03-20")));
  }

  @Test
  void badNotationIsOneSentence() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrendPeriod.parse("March"));
    assertEquals(
        "period 'March' is not a year (2025), month (2025-03), ISO week (2025-W10), day (2025-03-14)"
            + " or range (2025-03-01..2025-03-20)",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrendPeriod.parse("2025-13"));
    e = assertThrows(IllegalArgumentException.class, () -> TrendPeriod.parse("2025-W53"));
    assertEquals("period 2025-W53: ISO year 2025 has weeks 01 to 52", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrendPeriod.parse("2025-03-20..2025-03-01"));
  }

  @Test
  void monthsCompareWithLastYearWhenItHasData() {
    TrendPeriod march = TrendPeriod.parse("2025-03");
    Set<LocalDate> data = days("2024-01-01", "2025-02-28");
    Baseline b = Baseline.choose(march, data);
    assertEquals(Baseline.Kind.SAME_PERIOD_LAST_YEAR, b.kind());
    assertEquals(period("2024-03-01", "2024-03-31"), b.from() + ".." + b.to());
    assertEquals("去年同期（2024-03-01至2024-03-31）", b.chinese());
  }

  @Test
  void withoutLastYearMonthsAndWeeksCompareWithTheWeeksBefore() {
    Set<LocalDate> data = days("2025-01-01", "2025-02-28");
    Baseline month = Baseline.choose(TrendPeriod.parse("2025-03"), data);
    assertEquals(Baseline.Kind.PRECEDING_WEEKS, month.kind());
    assertEquals(LocalDate.of(2025, 1, 4), month.from());
    assertEquals(LocalDate.of(2025, 2, 28), month.to());
    assertEquals("此前8周（2025-01-04至2025-02-28）", month.chinese());

    // A week compares with the eight weeks before even when last year has data.
    data.addAll(days("2024-01-01", "2024-12-31"));
    Baseline week = Baseline.choose(TrendPeriod.parse("2025-W10"), data);
    assertEquals(Baseline.Kind.PRECEDING_WEEKS, week.kind());
    assertEquals(LocalDate.of(2025, 1, 6), week.from());
  }

  @Test
  void aLastYearWithGapsIsNotTrustedAndNoDataMeansNoBaseline() {
    Set<LocalDate> data = days("2024-03-01", "2024-03-20");
    data.addAll(days("2025-01-01", "2025-02-28"));
    assertEquals(
        Baseline.Kind.PRECEDING_WEEKS, Baseline.choose(TrendPeriod.parse("2025-03"), data).kind());
    Baseline none = Baseline.choose(TrendPeriod.parse("2025-03"), new HashSet<>());
    assertEquals(Baseline.Kind.NONE, none.kind());
    assertTrue(none.chinese().contains("无"));
  }

  private static String period(String from, String to) {
    return from + ".." + to;
  }

  private static String span(TrendPeriod p) {
    return p.from() + ".." + p.to();
  }

  private static Set<LocalDate> days(String from, String to) {
    Set<LocalDate> out = new HashSet<>();
    for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }
}
