package io.hotline.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * China Standard Time (UTC+8), the one clock every bucket of the product uses, whatever offset an
 * event arrived in. China has no daylight saving, so a fixed offset is exact.
 */
public final class ChinaTime {
  public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

  private static final long MILLIS_PER_MINUTE = 60_000L;
  private static final long OFFSET_MILLIS = 8 * 3_600_000L;

  private ChinaTime() {}

  /** The calendar day in China of an instant. */
  public static LocalDate day(Instant t) {
    return LocalDate.ofEpochDay(Math.floorDiv(t.toEpochMilli() + OFFSET_MILLIS, 86_400_000L));
  }

  /** The local wall-clock time in China of an instant. */
  public static LocalDateTime local(Instant t) {
    return LocalDateTime.ofInstant(t, OFFSET);
  }

  /** Start of the minute containing {@code t} (minutes align in UTC and UTC+8 alike). */
  public static Instant minuteStart(Instant t) {
    return Instant.ofEpochMilli(
        Math.floorDiv(t.toEpochMilli(), MILLIS_PER_MINUTE) * MILLIS_PER_MINUTE);
  }

  /** The instant a China wall-clock time denotes. */
  public static Instant at(LocalDateTime chinaLocal) {
    return chinaLocal.toInstant(OFFSET);
  }

  /** Midnight at the start of a China calendar day. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay().toInstant(OFFSET);
  }
}
