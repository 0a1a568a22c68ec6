package io.hotline.jobs.records;

import java.time.Instant;

/**
 * A live alert of one centre, as the job emits it twice: once when the condition opens, once when
 * it clears (same id, higher version). The id is made of event-time facts only — centre, rule,
 * subject and the minute it opened — so replaying the same events gives the same ids, and the
 * ReplacingMergeTree keeps one row per alert.
 *
 * @param subject what within the centre it is about: a topic code for surges, else empty
 * @param openedAt event time the condition was first seen, at a minute boundary
 * @param clearedAt event time it cleared; null while open
 * @param observedAt event time of this observation (the opening or clearing evaluation)
 * @param value the measured value at this observation (rate, count or minutes)
 * @param threshold what it was compared with
 * @param detail one sentence for people
 */
public record Alert(
    String center,
    AlertRule rule,
    String subject,
    Instant openedAt,
    Instant clearedAt,
    Instant observedAt,
    double value,
    double threshold,
    String detail) {

  /** {@code center:rule[:subject]:openedAtEpochMinute}; stable across replays. */
  public String alertId() {
    return center
        + ":"
        + rule.code()
        + (subject.isEmpty() ? "" : ":" + subject)
        + ":"
        + openedAt.getEpochSecond() / 60;
  }

  public boolean isOpen() {
    return clearedAt == null;
  }

  public String province() {
    return center.substring(0, 2) + "0000";
  }

  /** 1 for the opening row, 2 for the clearing row that replaces it. */
  public long version() {
    return isOpen() ? 1 : 2;
  }

  /** The same alert, cleared at {@code at} with the value then measured. */
  public Alert cleared(Instant at, double valueNow) {
    return new Alert(center, rule, subject, openedAt, at, at, valueNow, threshold, detail);
  }
}
