package io.hotline.launcher.simulate;

import io.hotline.schemas.reference.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When people call: day-level volume factors (week, year, holidays, the rush after Spring Festival,
 * the civil-service exam seasons of 12370) and the intraday profiles, in half-hour slots, that the
 * Poisson arrivals follow. Factors are relative to a centre's base volume on a normal mid-week
 * working day.
 */
final class Demand {
  static final int SLOTS = 48;
  static final long SLOT_MILLIS = 30 * 60_000L;

  /** What kind of day a date is for a hotline centre. */
  enum DayKind {
    WORKING,
    WEEKEND,
    HOLIDAY
  }

  // Monday is the heaviest day (the weekend's questions), Friday the lightest.
  private static final double[] WEEKDAY = {1.12, 1.04, 1.0, 0.97, 0.90};
  private static final double ADJUSTED_WORKDAY = 0.90;
  private static final double WEEKEND = 0.14;
  private static final double HOLIDAY = 0.10;
  private static final double SPRING_FESTIVAL = 0.06;

  // January: pension qualification and the new contribution base; March: job changes after the
  // festival; July: graduates and the base adjustment; autumn is quiet.
  private static final double[] MONTH = {
    1.22, 0.95, 1.12, 1.0, 0.95, 0.98, 1.08, 1.0, 0.95, 0.92, 0.95, 1.02
  };

  private static final double POST_FESTIVAL_PEAK = 1.35;
  private static final int POST_FESTIVAL_DAYS = 21;

  static final double SHARE_12370 = 0.03;
  static final double SHARE_12385 = 0.05;

  // Half-hour weights from 00:00. Morning peak 09:30-10:30, lunch dip, smaller afternoon peak;
  // callers know agents start at 08:30.
  private static final double[] WORKING_12333 =
      normalise(
          0.10, 0.10, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.10, 0.10, // 00-05
          0.20, 0.20, 0.50, 0.70, 2.00, 5.00, 6.80, 7.20, 7.00, 6.40, 5.60, 4.20, // 06-11
          1.80, 1.20, 1.40, 2.20, 5.20, 5.60, 5.40, 5.00, 4.60, 4.00, 3.20, 1.40, // 12-17
          0.90, 0.70, 0.60, 0.50, 0.50, 0.40, 0.30, 0.30, 0.20, 0.20, 0.10, 0.10); // 18-23

  // Days off: only the IVR and voicemail answer, so people call less and spread over the day.
  private static final double[] DAY_OFF_12333 =
      normalise(
          0.20, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.10, 0.20, 0.20, 0.30, // 00-05
          0.40, 0.60, 1.00, 1.60, 2.60, 3.40, 4.00, 4.40, 4.60, 4.40, 4.00, 3.40, // 06-11
          2.60, 2.40, 2.60, 3.00, 3.40, 3.60, 3.60, 3.40, 3.20, 3.00, 2.60, 2.20, // 12-17
          1.80, 1.60, 1.60, 1.40, 1.30, 1.20, 1.00, 0.80, 0.60, 0.50, 0.40, 0.30); // 18-23

  // 12385 answers around the clock: flatter, with a real night-time trickle.
  private static final double[] ALL_DAY_12385 =
      normalise(
          0.40, 0.30, 0.25, 0.20, 0.20, 0.20, 0.20, 0.20, 0.20, 0.25, 0.30, 0.50, // 00-05
          0.80, 1.20, 1.80, 2.60, 3.40, 3.80, 4.00, 4.00, 3.80, 3.60, 3.40, 3.00, // 06-11
          2.40, 2.20, 2.40, 2.80, 3.40, 3.60, 3.60, 3.40, 3.20, 3.00, 2.80, 2.40, // 12-17
          2.20, 2.00, 2.00, 1.80, 1.60, 1.40, 1.20, 1.00, 0.80, 0.70, 0.60, 0.50); // 18-23

  private static final long H = 3_600_000L;
  private static final long M = 60_000L;

  /** Agent service hours on a statutory working day, as [start, end) offsets from midnight. */
  static final long[][] AGENT_SESSIONS = {{8 * H + 30 * M, 12 * H}, {14 * H, 17 * H + 30 * M}};

  private final HolidayCalendar calendar;
  private final Map<Integer, Optional<LocalDate>> festivalEnds = new ConcurrentHashMap<>();

  Demand(HolidayCalendar calendar) {
    this.calendar = calendar;
  }

  DayKind kind(LocalDate day) {
    if (calendar.isWorkingDay(day)) {
      return DayKind.WORKING;
    }
    return calendar.isHoliday(day) ? DayKind.HOLIDAY : DayKind.WEEKEND;
  }

  /** 12333 volume on this day relative to the centre's base. */
  double factor12333(LocalDate day) {
    return dayOfWeekFactor(day) * MONTH[day.getMonthValue() - 1] * postFestival(day);
  }

  /** 12370 volume relative to the centre's 12333 base: a small line with exam-season peaks. */
  double factor12370(LocalDate day) {
    return SHARE_12370 * dayOfWeekFactor(day) * examSeason(day);
  }

  /** 12385 volume relative to the centre's 12333 base: a steady stream, 7 days a week. */
  double factor12385(LocalDate day) {
    DayKind kind = kind(day);
    double week = kind == DayKind.WORKING ? 1.0 : kind == DayKind.WEEKEND ? 0.75 : 0.6;
    return SHARE_12385 * week;
  }

  /** SMS traffic relative to working days: the public texts less on days off. */
  double factorSms(LocalDate day) {
    return kind(day) == DayKind.WORKING ? 1.0 : 0.35;
  }

  double[] intraday12333(DayKind kind) {
    return kind == DayKind.WORKING ? WORKING_12333 : DAY_OFF_12333;
  }

  double[] intraday12385() {
    return ALL_DAY_12385;
  }

  private double dayOfWeekFactor(LocalDate day) {
    DayKind kind = kind(day);
    if (kind == DayKind.HOLIDAY) {
      return calendar.holidayName(day).filter("春节"::equals).isPresent() ? SPRING_FESTIVAL : HOLIDAY;
    }
    if (kind == DayKind.WEEKEND) {
      return WEEKEND;
    }
    DayOfWeek dow = day.getDayOfWeek();
    return dow.getValue() <= 5 ? WEEKDAY[dow.getValue() - 1] : ADJUSTED_WORKDAY;
  }

  /**
   * After Spring Festival people change jobs and move their insurance: a surge that fades over
   * three weeks. Only for years the holiday calendar covers.
   */
  private double postFestival(LocalDate day) {
    LocalDate end = festivalEnds.computeIfAbsent(day.getYear(), this::lastFestivalDay).orElse(null);
    if (end == null || !day.isAfter(end)) {
      return 1.0;
    }
    long after = day.toEpochDay() - end.toEpochDay();
    if (after > POST_FESTIVAL_DAYS) {
      return 1.0;
    }
    return POST_FESTIVAL_PEAK - (POST_FESTIVAL_PEAK - 1.0) * (after - 1) / POST_FESTIVAL_DAYS;
  }

  private Optional<LocalDate> lastFestivalDay(int year) {
    LocalDate last = null;
    for (LocalDate d = LocalDate.of(year, 1, 10); d.getMonthValue() <= 2; d = d.plusDays(1)) {
      if (calendar.holidayName(d).filter("春节"::equals).isPresent()) {
        last = d;
      }
    }
    return Optional.ofNullable(last);
  }

  /**
   * The civil-service exam calendar: national exam registration mid-October to mid-November, the
   * exam itself late November, provincial exams registering February to March, results in January
   * and interviews in April.
   */
  private static double examSeason(LocalDate day) {
    MonthDay md = MonthDay.from(day);
    if (between(md, 10, 10, 11, 15)) {
      return 4.0;
    }
    if (between(md, 11, 16, 12, 10)) {
      return 2.0;
    }
    if (between(md, 2, 15, 3, 31)) {
      return 3.0;
    }
    if (between(md, 1, 1, 1, 20) || day.getMonthValue() == 4) {
      return 1.5;
    }
    return 1.0;
  }

  private static boolean between(MonthDay md, int m1, int d1, int m2, int d2) {
    return !md.isBefore(MonthDay.of(m1, d1)) && !md.isAfter(MonthDay.of(m2, d2));
  }

  private static double[] normalise(double... w) {
    if (w.length != SLOTS) {
      throw new IllegalStateException("profile needs " + SLOTS + " slots, has " + w.length);
    }
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] / sum;
    }
    return out;
  }
}
