package io.hotline.schemas.trends;

import java.time.LocalDate;

/**
 * What a period's topics are compared with.
 *
 * @param kind how it was chosen
 * @param from first day, inclusive (null for {@link Kind#NONE})
 * @param to last day, inclusive (null for {@link Kind#NONE})
 */
public record Baseline(Kind kind, LocalDate from, LocalDate to) {
  /** Share of a baseline's days that must have data before it is trusted. */
  static final double MIN_COVERAGE = 0.8;

  /** Periods at least this long compare with the same dates a year earlier when they can. */
  static final int SEASONAL_MIN_DAYS = 28;

  /** The shortest window of preceding weeks. */
  static final int MIN_WEEKS = 8;

  /** How the baseline was chosen. */
  public enum Kind {
    /** The same dates one year earlier: months and longer, where last year's seasons matter. */
    SAME_PERIOD_LAST_YEAR,
    /**
     * The whole weeks just before the period: days, weeks, and longer periods without last year.
     */
    PRECEDING_WEEKS,
    /** Neither has data: nothing can be called rising. */
    NONE
  }

  static Baseline none() {
    return new Baseline(Kind.NONE, null, null);
  }

  /** The baseline in a few Chinese words, e.g. "去年同期（2024-03-01至2024-03-31）". */
  public String chinese() {
    return switch (kind) {
      case SAME_PERIOD_LAST_YEAR -> "去年同期（" + from + "至" + to + "）";
      case PRECEDING_WEEKS -> "此前" + weeks() + "周（" + from + "至" + to + "）";
      case NONE -> "无可比基期数据";
    };
  }

  /** The same in English, for logs and the command line's notes. */
  @Override
  public String toString() {
    return switch (kind) {
      case SAME_PERIOD_LAST_YEAR -> "same period last year (" + from + ".." + to + ")";
      case PRECEDING_WEEKS -> "the " + weeks() + " weeks before (" + from + ".." + to + ")";
      case NONE -> "no baseline with data";
    };
  }

  private long weeks() {
    return (to.toEpochDay() - from.toEpochDay() + 1) / 7;
  }

  /**
   * The seasonal choice: the same dates a year earlier for periods of four weeks or more when at
   * least 80% of those days have data, otherwise the whole weeks before the period (at least eight,
   * and at least as many as the period has), otherwise none.
   *
   * @param daysWithData days on which the region has any call, covering both candidates
   */
  static Baseline choose(TrendPeriod period, java.util.Set<LocalDate> daysWithData) {
    if (period.days() >= SEASONAL_MIN_DAYS) {
      LocalDate from = period.from().minusYears(1);
      LocalDate to = period.to().minusYears(1);
      if (coverage(from, to, daysWithData) >= MIN_COVERAGE) {
        return new Baseline(Kind.SAME_PERIOD_LAST_YEAR, from, to);
      }
    }
    LocalDate to = period.from().minusDays(1);
    LocalDate from = precedingWeeksStart(period);
    return coverage(from, to, daysWithData) > 0
        ? new Baseline(Kind.PRECEDING_WEEKS, from, to)
        : none();
  }

  /** The first day of the preceding-weeks candidate. */
  static LocalDate precedingWeeksStart(TrendPeriod period) {
    int weeks = Math.max(MIN_WEEKS, (period.days() + 6) / 7);
    return period.from().minusWeeks(weeks);
  }

  private static double coverage(LocalDate from, LocalDate to, java.util.Set<LocalDate> days) {
    long total = to.toEpochDay() - from.toEpochDay() + 1;
    long with = days.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
    return (double) with / total;
  }
}
