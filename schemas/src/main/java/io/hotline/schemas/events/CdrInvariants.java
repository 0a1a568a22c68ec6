package io.hotline.schemas.events;

import io.hotline.schemas.events.FieldSet.CdrField;

/**
 * The contract's cross-field rules of a call: {@code arrived_at ≤ queued_at ≤ answered_at ≤
 * ended_at} where present, {@code answered_at} requires {@code queued_at}, and a call lasts under
 * 24 hours.
 */
final class CdrInvariants {
  static final long MAX_DURATION_MS = 24 * 3_600_000L;

  private static final long ABSENT = FieldReader.ABSENT;

  private CdrInvariants() {}

  /**
   * The first broken rule, recorded on the reader, or null when the call is consistent. Times are
   * epoch milliseconds; {@code queued} and {@code answered} may be {@link FieldReader#ABSENT}.
   */
  static Rejection check(FieldReader r, long arrived, long queued, long answered, long ended) {
    if (queued != ABSENT && queued < arrived) {
      return r.reject(CdrField.QUEUED_AT, "must not be before arrived_at");
    }
    if (answered != ABSENT && queued == ABSENT) {
      return r.reject(
          CdrField.ANSWERED_AT, "requires queued_at (only a queued call can be answered)");
    }
    if (answered != ABSENT && answered < queued) {
      return r.reject(CdrField.ANSWERED_AT, "must not be before queued_at");
    }
    long latestStart = answered != ABSENT ? answered : queued != ABSENT ? queued : arrived;
    if (ended < latestStart) {
      String before =
          answered != ABSENT ? "answered_at" : queued != ABSENT ? "queued_at" : "arrived_at";
      return r.reject(CdrField.ENDED_AT, "must not be before " + before);
    }
    if (ended - arrived >= MAX_DURATION_MS) {
      return r.reject(
          CdrField.ENDED_AT, "is 24 hours or more after arrived_at (calls last under 24 h)");
    }
    return null;
  }
}
