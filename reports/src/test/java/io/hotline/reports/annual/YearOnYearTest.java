package io.hotline.reports.annual;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.events.Line;
import org.junit.jupiter.api.Test;

/** Year-on-year figures compare only months that have data in both years. */
class YearOnYearTest {
  private static LineYear line(int[] thisYear, int[] lastYear) {
    LineYear l = new LineYear(Line.L12333);
    for (int m : thisYear) {
      l.months[m - 1].totalInbound = 100;
    }
    for (int m : lastYear) {
      l.previousMonths[m - 1].totalInbound = 80;
    }
    return l;
  }

  @Test
  void wholeYearsCompareTheWholeYear() {
    int[] all = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    assertThat(AnnualText.comparedMonths(line(all, all))).isEqualTo("全年");
  }

  @Test
  void aPartialPreviousYearLimitsTheComparisonToItsMonths() {
    int[] all = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    LineYear l = line(all, new int[] {7, 8, 9, 10, 11, 12});
    assertThat(AnnualText.comparedMonths(l)).isEqualTo("7–12月");
    assertThat(LineYear.sum(l.months, l.comparableMonths()).totalInbound).isEqualTo(600);
    assertThat(LineYear.sum(l.previousMonths, l.comparableMonths()).totalInbound).isEqualTo(480);
  }

  @Test
  void gapsSplitTheRangesAndNoOverlapMeansNoComparison() {
    assertThat(AnnualText.comparedMonths(line(new int[] {1, 2, 5}, new int[] {1, 2, 5, 6})))
        .isEqualTo("1–2月、5月");
    assertThat(AnnualText.comparedMonths(line(new int[] {1, 2}, new int[] {11, 12}))).isNull();
  }
}
