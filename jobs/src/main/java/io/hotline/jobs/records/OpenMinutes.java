package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;
import java.util.Arrays;

/**
 * The minutes of one line × centre that calls can still change, oldest first: those the watermark
 * has not passed, and those it has passed by less than the allowed lateness. With the default
 * options a busy key holds about 65 (five minutes of watermark delay and an hour of lateness).
 *
 * <p>A Flink POJO of arrays, without collections, so that Flink never falls back to Kryo for it.
 */
public final class OpenMinutes {

  /** One minute's counts and what has been emitted of them. */
  public static final class Minute {
    /** The minute's start, epoch milliseconds. */
    public long start;

    public CallCounts counts = new CallCounts();

    /** The calls counted when the watermark first passed the minute; -1 until then. */
    public long onTimeTotal = -1;

    /** Whether calls were counted since the minute's last row. */
    public boolean unsent;

    public Minute() {}

    Minute(long start) {
      this.start = start;
    }

    public boolean complete() {
      return onTimeTotal >= 0;
    }

    /** Calls counted after the minute was first complete. */
    public long lateEvents() {
      return complete() ? counts.totalInbound - onTimeTotal : 0;
    }
  }

  public Minute[] minutes = new Minute[0];

  /** When the pending early firing is due, processing time; 0 if none is. */
  public long earlyAt;

  public OpenMinutes() {}

  /** The minute that starts at {@code start}, or null. */
  public Minute find(long start) {
    // Calls come mostly in time order, so the newest minutes are looked at first.
    for (int i = minutes.length - 1; i >= 0; i--) {
      if (minutes[i].start == start) {
        return minutes[i];
      }
      if (minutes[i].start < start) {
        return null;
      }
    }
    return null;
  }

  /** Adds an empty minute that starts at {@code start}, which must not be here yet. */
  public Minute add(long start) {
    int at = minutes.length;
    while (at > 0 && minutes[at - 1].start > start) {
      at--;
    }
    Minute[] grown = new Minute[minutes.length + 1];
    System.arraycopy(minutes, 0, grown, 0, at);
    System.arraycopy(minutes, at, grown, at + 1, minutes.length - at);
    grown[at] = new Minute(start);
    minutes = grown;
    return grown[at];
  }

  /** Forgets the oldest minutes, those that start before {@code start}. */
  public void dropBefore(long start) {
    int n = 0;
    while (n < minutes.length && minutes[n].start < start) {
      n++;
    }
    if (n > 0) {
      minutes = Arrays.copyOfRange(minutes, n, minutes.length);
    }
  }

  public boolean isEmpty() {
    return minutes.length == 0;
  }

  /** Whether every minute here is complete. */
  public boolean allComplete() {
    for (Minute m : minutes) {
      if (!m.complete()) {
        return false;
      }
    }
    return true;
  }
}
