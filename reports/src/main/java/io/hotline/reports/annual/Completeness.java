package io.hotline.reports.annual;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What the data does not cover, so a report says it instead of printing zeros: the span of days
 * with data, units (cities or provinces) without any call in the year, and months in which a unit
 * has days without any call although the area has data on those days.
 */
public record Completeness(
    LocalDate firstDay, LocalDate lastDay, List<String> unitsWithoutData, List<Gap> gaps) {

  /** A unit's month with missing days: {@code daysWithData} of {@code daysExpected}. */
  public record Gap(String unit, YearMonth month, int daysWithData, int daysExpected) {}

  /** Whether the data covers the whole calendar year. */
  public boolean wholeYear(int year) {
    return firstDay.equals(LocalDate.of(year, 1, 1)) && lastDay.equals(LocalDate.of(year, 12, 31));
  }
}
