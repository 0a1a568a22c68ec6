package io.hotline.jobs.functions;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.reference.HolidayCalendar;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * When human agents work: sessions of the day (China time) on statutory working days of {@link
 * HolidayCalendar}, e.g. {@code 08:30-12:00,14:00-17:30} as in Nanjing. The contract has no
 * per-centre hours, so one set of hours from the job's options applies to every centre. Alerts
 * about answering and silence count only time inside these hours.
 */
public final class ServiceHours implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long DAY_MS = 86_400_000L;

  /** [start, end) offsets from midnight, in ms, sorted and disjoint. */
  private final long[][] sessions;

  private ServiceHours(long[][] sessions) {
    this.sessions = sessions;
  }

  /**
   * Parses {@code HH:mm-HH:mm[,HH:mm-HH:mm…]}; throws with one sentence naming {@code key} when the
   * text is not that, or sessions overlap or run backwards.
   */
  public static ServiceHours parse(String key, String text) {
    List<long[]> list = new ArrayList<>();
    long previousEnd = -1;
    for (String part : text.split(",")) {
      String[] ends = part.trim().split("-");
      if (ends.length != 2) {
        throw invalid(key, text);
      }
      long start = millisOfDay(key, text, ends[0]);
      long end = millisOfDay(key, text, ends[1]);
      if (end <= start || start < previousEnd) {
        throw invalid(key, text);
      }
      list.add(new long[] {start, end});
      previousEnd = end;
    }
    return new ServiceHours(list.toArray(new long[0][]));
  }

  private static long millisOfDay(String key, String text, String hhmm) {
    try {
      String t = hhmm.trim();
      return t.equals("24:00") ? DAY_MS : LocalTime.parse(t).toSecondOfDay() * 1000L;
    } catch (DateTimeParseException e) {
      throw invalid(key, text);
    }
  }

  private static IllegalArgumentException invalid(String key, String text) {
    return new IllegalArgumentException(
        key
            + " must be ascending, non-overlapping HH:mm-HH:mm sessions separated by commas,"
            + " e.g. 08:30-12:00,14:00-17:30, got: "
            + text);
  }

  /** Whether an instant falls in a session of a working day. */
  public boolean contains(long epochMillis) {
    if (!plausible(epochMillis)) {
      return false;
    }
    LocalDate day = dayOf(epochMillis);
    if (!HolidayCalendar.standard().isWorkingDay(day)) {
      return false;
    }
    long ofDay = epochMillis - startOf(day);
    for (long[] s : sessions) {
      if (ofDay >= s[0] && ofDay < s[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The instant at which {@code duration} ms of service time have passed after {@code from}: e.g.
   * silence from Friday 17:20 for 20 minutes of service time ends on Monday at 08:40. Looks at most
   * 30 days ahead (a long holiday is shorter); beyond that, {@link Long#MAX_VALUE}.
   */
  public long plusServiceTime(long from, long duration) {
    if (!plausible(from)) {
      return Long.MAX_VALUE;
    }
    long remaining = duration;
    LocalDate day = dayOf(from);
    for (int i = 0; i <= 30; i++, day = day.plusDays(1)) {
      if (!HolidayCalendar.standard().isWorkingDay(day)) {
        continue;
      }
      long dayStart = startOf(day);
      for (long[] s : sessions) {
        long start = Math.max(dayStart + s[0], from);
        long end = dayStart + s[1];
        if (start >= end) {
          continue;
        }
        if (end - start >= remaining) {
          return start + remaining;
        }
        remaining -= end - start;
      }
    }
    return Long.MAX_VALUE;
  }

  /**
   * The first instant at or after {@code from} inside the hours: {@code from} itself when it is
   * inside, else the start of the next session of a working day. Looks at most 30 days ahead (a
   * long holiday is shorter); beyond that, or for no calendar instant, {@link Long#MAX_VALUE}.
   */
  public long nextInside(long from) {
    // No service time after it: the first instant inside at or after it.
    return plusServiceTime(from, 0);
  }

  /** Years 1 to 9999: watermarks at Long.MIN_VALUE/MAX_VALUE are no calendar instants. */
  private static boolean plausible(long epochMillis) {
    return epochMillis > -62_000_000_000_000L && epochMillis < 253_000_000_000_000L;
  }

  private static LocalDate dayOf(long epochMillis) {
    return ChinaTime.day(java.time.Instant.ofEpochMilli(epochMillis));
  }

  private static long startOf(LocalDate day) {
    return ChinaTime.startOf(day).toEpochMilli();
  }
}
