package io.hotline.jobs.functions;

import io.hotline.jobs.records.GroupKey;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.reference.Regions;
import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * Which group a call is counted in: its period (hour, day or month of the instant it counts at, in
 * China time) and its region at the chosen level. One place, so the batch twin and the streaming
 * roll-ups bucket identically.
 */
public record Grouping(Period period, Level level) implements Serializable {

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
