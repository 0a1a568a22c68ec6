package io.hotline.launcher.simulate;

import io.hotline.schemas.events.EventKind;
import java.util.Locale;

/** What a simulation run emitted: events and bytes per type, faults injected, and how fast. */
public final class SimulationStats {
  private final long[] events = new long[EventKind.values().length];
  private final long[] bytes = new long[EventKind.values().length];
  private final long[] faults = new long[Faults.KINDS];
  private long nanos;

  void countEvent(int kind, int lineBytes) {
    events[kind]++;
    bytes[kind] += lineBytes;
  }

  void countFaults(int[] perKind) {
    for (int k = 0; k < perKind.length; k++) {
      faults[k] += perKind[k];
    }
  }

  void finish(long elapsedNanos) {
    this.nanos = elapsedNanos;
  }

  /** Events emitted of one type, duplicates included. */
  public long events(EventKind kind) {
    return events[kind.ordinal()];
  }

  public long totalEvents() {
    long n = 0;
    for (long e : events) {
      n += e;
    }
    return n;
  }

  /** Bytes of JSON lines (newline included) emitted. */
  public long totalBytes() {
    long n = 0;
    for (long b : bytes) {
      n += b;
    }
    return n;
  }

  public long duplicates() {
    return faults[Faults.DUPLICATE];
  }

  public long malformed() {
    return faults[Faults.MALFORMED];
  }

  public long brokenInvariants() {
    return faults[Faults.INVARIANT];
  }

  public long late() {
    return faults[Faults.LATE];
  }

  public double seconds() {
    return nanos / 1e9;
  }

  public double eventsPerSecond() {
    return nanos == 0 ? 0 : totalEvents() / seconds();
  }

  /** The lines printed at the end of {@code hotline simulate}. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    for (EventKind kind : EventKind.values()) {
      s.append(String.format(Locale.ROOT, "%-10s %,14d events%n", kind.code(), events(kind)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%-10s %,14d events, %,.1f MB in %.1f s: %,.0f events/s%n",
            "total",
            totalEvents(),
            totalBytes() / 1e6,
            seconds(),
            eventsPerSecond()));
    if (duplicates() + malformed() + brokenInvariants() + late() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "faults: %,d duplicate, %,d malformed, %,d invariant, %,d late%n",
              duplicates(),
              malformed(),
              brokenInvariants(),
              late()));
    }
    return s.toString();
  }
}
