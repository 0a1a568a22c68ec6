package io.hotline.schemas.events;

/**
 * The contract's cross-field rules of a call: {@code arrived_at ≤ queued_at ≤ answered_at ≤
 * ended_at} where present, {@code answered_at} requires {@code queued_at}, and a call lasts under
 * 24 hours.
 */
final class CdrInvariants {
  static final long MAX_DURATION_MS = 24 * 3_600_000L;

  private CdrInvariants() {}

  /** The first broken rule, recorded on the reader, or null when the call is consistent. */
  static Rejection check(FieldReader r, long arrived, Long queued, Long answered, long ended) {
    if (queued != null && queued < arrived) {
      return r.reject("queued_at", "must not be before arrived_at");
    }
    if (answered != null && queued == null) {
      return r.reject("answered_at", "requires queued_at (only a queued call can be answered)");
    }
    if (answered != null && answered < queued) {
      return r.reject("answered_at", "must not be before queued_at");
    }
    long latestStart = answered != null ? answered : queued != null ? queued : arrived;
    if (ended < latestStart) {
      String before =
          answered != null ? "answered_at" : queued != null ? "queued_at" : "arrived_at";
      return r.reject("ended_at", "must not be before " + before);
    }
    if (ended - arrived >= MAX_DURATION_MS) {
      return r.reject("ended_at", "is 24 hours or more after arrived_at (calls last under 24 h)");
    }
    return null;
  }
}
