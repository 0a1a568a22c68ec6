package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;
import java.util.Arrays;

/**
 * The minutes of one line × centre that calls can still change, oldest first: those the watermark
 * has not passed, and those it has passed by less than the allowed lateness. With the default
 * options a busy key holds about 65 (five minutes of watermark delay and an hour of lateness).
 *
 * <p>Calls arrive in the order they end, a call belongs to the minute it was counted in, and so a
 * call often lands minutes before the newest: the starts are kept apart, in a {@code long[]}, to be
 * searched without touching the minutes. Both arrays have room to grow; {@link #size} are used. A
 * Flink POJO of arrays, without collections, so that Flink never falls back to Kryo for it.
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

  /** The minutes' starts, ascending; {@code starts[i]} is {@code minutes[i].start}. */
  public long[] starts = new long[4];

  public Minute[] minutes = new Minute[4];

  /** How many of the arrays' slots hold minutes. */
  public int size;

  /** When the pending early firing is due, processing time; 0 if none is. */
  public long earlyAt;

  /**
   * When the key's one event-time timer is due: the end of its oldest minute the watermark has not
   * passed, or the end of its oldest minute's lateness, whichever is first; {@link Long#MAX_VALUE}
   * if no timer is pending.
   */
  public long dueAt = Long.MAX_VALUE;

  public OpenMinutes() {}

  public int size() {
    return size;
  }

  /** The {@code i}-th oldest minute. */
  public Minute get(int i) {
    return minutes[i];
  }

  /** The minute that starts at {@code start}, or null. */
  public Minute find(long start) {
    int i = Arrays.binarySearch(starts, 0, size, start);
    return i >= 0 ? minutes[i] : null;
  }

  /** Adds an empty minute that starts at {@code start}, which must not be here yet. */
  public Minute add(long start) {
    int at = -Arrays.binarySearch(starts, 0, size, start) - 1;
    if (size == starts.length) {
      int room = Math.max(4, size * 2);
      starts = Arrays.copyOf(starts, room);
      minutes = Arrays.copyOf(minutes, room);
    }
    System.arraycopy(starts, at, starts, at + 1, size - at);
    System.arraycopy(minutes, at, minutes, at + 1, size - at);
    starts[at] = start;
    minutes[at] = new Minute(start);
    size++;
    return minutes[at];
  }

  /** How many minutes start before {@code start}. */
  public int countBefore(long start) {
    int i = Arrays.binarySearch(starts, 0, size, start);
    return i >= 0 ? i : -i - 1;
  }

  /** Forgets the oldest minutes, those that start before {@code start}. */
  public void dropBefore(long start) {
    int n = countBefore(start);
    if (n == 0) {
      return;
    }
    System.arraycopy(starts, n, starts, 0, size - n);
    System.arraycopy(minutes, n, minutes, 0, size - n);
    Arrays.fill(minutes, size - n, size, null);
    size -= n;
  }

  public boolean isEmpty() {
    return size == 0;
  }
}
