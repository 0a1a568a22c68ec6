package io.hotline.reports.annual;

import io.hotline.schemas.events.Line;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.SmsCounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One hotline number's year in a report's area: the additive components for the year, each month
 * and each unit (city or province), the previous year where data exists, the busiest day and hour,
 * and SMS usage. Ratios are not stored: {@link io.hotline.schemas.metrics.Metric} computes them.
 */
public final class LineYear {
  /** A city's (or, nationally, a province's) year on this line. */
  public static final class Unit {
    public final String code;
    public final CallCounts counts = new CallCounts();
    public long recordingsMatched;
    public final CallCounts previousYear = new CallCounts();

    /** The first day this unit has calls on this line in all the data held, or null. */
    public LocalDate firstDay;

    /**
     * In a national report, how many of the province's cities have calls on this line in the year.
     */
    public int citiesWithData;

    Unit(String code) {
      this.code = code;
    }
  }

  /** A day (or an hour of a day) and its inbound calls. */
  public record Peak(LocalDate day, int hour, long inbound) {}

  public final Line line;
  public final CallCounts year = new CallCounts();
  public long recordingsMatched;
  public long lateCalls;
  public final CallCounts[] months = newMonths();
  public final long[] monthRecordingsMatched = new long[12];
  public final CallCounts previousYear = new CallCounts();
  public final CallCounts[] previousMonths = newMonths();
  public final Map<String, Unit> units = new TreeMap<>();
  public final long[] inboundByHourOfDay = new long[24];
  public Peak peakDay;
  public Peak peakHour;
  public final SmsCounts sms = new SmsCounts();
  public final SmsCounts[] smsMonths = newSmsMonths();
  public final SmsCounts previousSms = new SmsCounts();

  LineYear(Line line) {
    this.line = line;
  }

  Unit unit(String code) {
    return units.computeIfAbsent(code, Unit::new);
  }

  /** Whether the previous year holds any call of this line in the area. */
  public boolean hasPreviousYear() {
    return previousYear.totalInbound > 0;
  }

  /**
   * The months (1–12) with calls in both years: year-on-year figures compare these months only, so
   * a year whose predecessor is partial is not compared with half a year.
   */
  public List<Integer> comparableMonths() {
    List<Integer> months = new ArrayList<>();
    for (int m = 0; m < 12; m++) {
      if (this.months[m].totalInbound > 0 && previousMonths[m].totalInbound > 0) {
        months.add(m + 1);
      }
    }
    return months;
  }

  /** The sum of some months (1–12) of this year or of the previous one. */
  public static CallCounts sum(CallCounts[] months, List<Integer> which) {
    CallCounts sum = new CallCounts();
    which.forEach(m -> sum.merge(months[m - 1]));
    return sum;
  }

  private static CallCounts[] newMonths() {
    CallCounts[] months = new CallCounts[12];
    for (int i = 0; i < 12; i++) {
      months[i] = new CallCounts();
    }
    return months;
  }

  private static SmsCounts[] newSmsMonths() {
    SmsCounts[] months = new SmsCounts[12];
    for (int i = 0; i < 12; i++) {
      months[i] = new SmsCounts();
    }
    return months;
  }
}
