package io.hotline.schemas.trends;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a trend question is about, as an analyst writes it: a month {@code 2025-03}, an ISO
 * week {@code 2025-W10}, a day {@code 2025-03-14}, a year {@code 2025}, or a range {@code
 * 2025-03-01..2025-03-20}. Days are China time, both ends inclusive.
 */
public record TrendPeriod(String label, LocalDate from, LocalDate to) {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
  private static final Pattern RANGE =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
  private static final int MAX_DAYS = 3_700;

  public TrendPeriod {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("period " + label + " ends before it starts");
    }
  }

  /** The period from {@code from} to {@code to} inclusive, labelled by its dates. */
  public static TrendPeriod of(LocalDate from, LocalDate to) {
    String label = from.equals(to) ? from.toString() : from + ".." + to;
    return new TrendPeriod(label, from, to);
  }

  /**
   * Parses the analyst's notation.
   *
   * @throws IllegalArgumentException with a sentence naming the accepted forms
   */
  public static TrendPeriod parse(String text) {
    String t = text == null ? "" : text.strip();
    try {
      Matcher m;
      if ((m = YEAR.matcher(t)).matches()) {
        int year = Integer.parseInt(m.group(1));
        return new TrendPeriod(t, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
      }
      if ((m = MONTH.matcher(t)).matches()) {
        YearMonth month = YearMonth.parse(t);
        return new TrendPeriod(t, month.atDay(1), month.atEndOfMonth());
      }
      if ((m = WEEK.matcher(t)).matches()) {
        return week(t, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      if ((m = RANGE.matcher(t)).matches()) {
        LocalDate from = LocalDate.parse(m.group(1));
        LocalDate to = LocalDate.parse(m.group(2));
        if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() > MAX_DAYS) {
          throw new IllegalArgumentException(
              "period " + t + ": the end must not be before the start, at most ten years");
        }
        return new TrendPeriod(t, from, to);
      }
      LocalDate day = LocalDate.parse(t);
      return new TrendPeriod(t, day, day);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(unreadable(t));
    }
  }

  private static TrendPeriod week(String label, int year, int week) {
    LocalDate monday =
        LocalDate.of(year, 1, 4)
            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1)
            .with(WeekFields.ISO.dayOfWeek(), DayOfWeek.MONDAY.getValue());
    long weeksInYear = monday.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (week < 1 || week > weeksInYear) {
      throw new IllegalArgumentException(
          "period " + label + ": ISO year " + year + " has weeks 01 to " + weeksInYear);
    }
    LocalDate from = monday.plusWeeks(week - 1L);
    return new TrendPeriod(label, from, from.plusDays(6));
  }

  private static String unreadable(String t) {
    return "period '"
        + t
        + "' is not a year (2025), month (2025-03), ISO week (2025-W10), day (2025-03-14) or range"
        + " (2025-03-01..2025-03-20)";
  }

  /** Number of days in the period. */
  public int days() {
    return (int) (to.toEpochDay() - from.toEpochDay() + 1);
  }

  /** Whether the day falls in the period. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  @Override
  public String toString() {
    return label;
  }
}
