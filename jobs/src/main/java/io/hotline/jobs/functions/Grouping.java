package io.hotline.jobs.functions;

import io.hotline.jobs.records.GroupKey;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.reference.Regions;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Which group a call is counted in: its period (hour, day or month of the instant it counts at, in
 * China time) and its region at the chosen level. One place, so the batch twin and the streaming
 * roll-ups bucket identically.
 */
public record Grouping(Period period, Level level) implements Serializable {

  private static final int LINES = 4;
  private static final int REGIONS = 1_000_000; // six-digit GB/T 2260 codes
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 86_400_000L;
  private static final long OFFSET_MS = ChinaTime.OFFSET.getTotalSeconds() * 1000L;

  /** The length of a period. */
  public enum Period {
    HOUR,
    DAY,
    MONTH
  }

  /** The region level a call is attributed to. */
  public enum Level {
    CENTER,
    PROVINCE,
    NATION
  }

  public GroupKey keyOf(Cdr cdr) {
    return new GroupKey(periodLabel(CallMeasures.countedAt(cdr)), cdr.line().number(), region(cdr));
  }

  /**
   * The group of a call as one number that sorts as its {@link GroupKey} does: period index, line
   * and region code. Cheaper to compute, ship and hash than the key's strings; {@link #keyOf(long)}
   * turns it back into the key.
   */
  public long codeOf(Cdr cdr) {
    long period = periodIndex(CallMeasures.countedAt(cdr).toEpochMilli());
    int line = cdr.line().ordinal();
    int region = regionNumber(region(cdr));
    return (period * LINES + line) * REGIONS + region;
  }

  /**
   * A six-digit region code as a number. Once per call in the batch twin, where {@code
   * Integer.parseInt} was a twentieth of the reading tasks' time; codes are validated by then.
   */
  static int regionNumber(String code) {
    if (code.length() != 6) {
      return Integer.parseInt(code);
    }
    int n = 0;
    for (int i = 0; i < 6; i++) {
      int digit = code.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return Integer.parseInt(code); // says which code is not a number
      }
      n = n * 10 + digit;
    }
    return n;
  }

  /** The key a {@link #codeOf} number stands for. */
  public GroupKey keyOf(long code) {
    int region = (int) Math.floorMod(code, (long) REGIONS);
    long rest = Math.floorDiv(code, (long) REGIONS);
    int line = (int) Math.floorMod(rest, (long) LINES);
    long period = Math.floorDiv(rest, (long) LINES);
    String regionCode = String.valueOf(REGIONS + region).substring(1);
    return new GroupKey(periodLabel(periodStart(period)), Line.values()[line].number(), regionCode);
  }

  /** Hours, days or months (year × 12 + month − 1) of China time since the epoch. */
  private long periodIndex(long epochMillis) {
    long local = epochMillis + OFFSET_MS;
    return switch (period) {
      case HOUR -> Math.floorDiv(local, HOUR_MS);
      case DAY -> Math.floorDiv(local, DAY_MS);
      case MONTH -> {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(local, DAY_MS));
        yield d.getYear() * 12L + d.getMonthValue() - 1;
      }
    };
  }

  /** The first instant of a period index. */
  private Instant periodStart(long index) {
    long local =
        switch (period) {
          case HOUR -> index * HOUR_MS;
          case DAY -> index * DAY_MS;
          case MONTH ->
              LocalDate.of((int) Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1, 1)
                      .toEpochDay()
                  * DAY_MS;
        };
    return Instant.ofEpochMilli(local - OFFSET_MS);
  }

  String periodLabel(java.time.Instant t) {
    LocalDateTime l = ChinaTime.local(t);
    String month = l.getYear() + "-" + two(l.getMonthValue());
    return switch (period) {
      case MONTH -> month;
      case DAY -> month + "-" + two(l.getDayOfMonth());
      case HOUR -> month + "-" + two(l.getDayOfMonth()) + "T" + two(l.getHour());
    };
  }

  private String region(Cdr cdr) {
    return switch (level) {
      case CENTER -> cdr.center();
      case PROVINCE -> cdr.province();
      case NATION -> Regions.NATION;
    };
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }
}
