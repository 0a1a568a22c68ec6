package io.hotline.launcher.simulate;

import java.util.SplittableRandom;

/**
 * Draws, for each event of a centre-day, whether and how to spoil it, from the centre-day's own
 * random stream so that turning faults on never changes the underlying calls.
 */
final class Faults {
  static final int NONE = 0;
  static final int DUPLICATE = 1;
  static final int MALFORMED = 2;
  static final int INVARIANT = 3;
  static final int LATE = 4;
  static final int KINDS = 5;

  // Redeliveries come within two minutes; late events arrive a quarter of an hour to six hours on.
  private static final long MAX_REDELIVERY_MS = 120_000;
  private static final long MIN_LATE_MS = 15 * 60_000L;
  private static final long MAX_LATE_MS = 6 * 3_600_000L;

  private final boolean any;
  private final double dup;
  private final double malformed;
  private final double invariant;
  private final double late;
  private final SplittableRandom r;

  Faults(FaultRates rates, SplittableRandom r) {
    this.any = rates.any();
    this.dup = rates.duplicate();
    this.malformed = dup + rates.malformed();
    this.invariant = malformed + rates.invariant();
    this.late = invariant + rates.late();
    this.r = r;
  }

  /** The fault for the next event; must be called once per event, in generation order. */
  int next() {
    if (!any) {
      return NONE;
    }
    double u = r.nextDouble();
    if (u < dup) {
      return DUPLICATE;
    }
    if (u < malformed) {
      return MALFORMED;
    }
    if (u < invariant) {
      return INVARIANT;
    }
    return u < late ? LATE : NONE;
  }

  /** Counts the fault and applies it to the finished line (the writer has applied INVARIANT). */
  void apply(int fault, EventBuffer out, int i) {
    out.faults[fault]++;
    switch (fault) {
      case DUPLICATE -> out.duplicate(i, out.emitAt(i) + 200 + r.nextLong(MAX_REDELIVERY_MS));
      case MALFORMED -> {
        int length = out.end(i) - out.start(i);
        out.truncateLast(i, 1 + r.nextInt(length - 1));
      }
      case LATE -> out.delay(i, MIN_LATE_MS + r.nextLong(MAX_LATE_MS - MIN_LATE_MS));
      default -> {}
    }
  }

  /** How far back an invariant-breaking timestamp is moved: one second to two minutes. */
  long invariantShift() {
    return 1000 + r.nextLong(119_000);
  }
}
