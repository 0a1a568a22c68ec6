package io.hotline.schemas.metrics;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EndReason;
import java.time.Instant;

/**
 * The per-call definitions of CONTRACTS.md, computed in this one place: what a call counts as
 * (offered, answered, abandoned, short abandon, IVR-only), its wait and talk time, and the instant
 * that decides which interval it is counted in.
 *
 * @param countedAt {@code queued_at}, or {@code arrived_at} when not offered, so that offered =
 *     answered + abandoned holds in every interval
 * @param waitMs answered: answered − queued; abandoned: ended − queued; null when not offered
 * @param talkMs ended − answered; null when not answered
 */
public record CallMeasures(
    Instant countedAt,
    boolean ivrOnly,
    boolean offered,
    boolean answered,
    boolean abandoned,
    boolean shortAbandoned,
    Long waitMs,
    Long talkMs,
    boolean outOfHours,
    boolean voicemail,
    boolean blocked) {

  /** Applies the definitions to one valid call. */
  public static CallMeasures of(Cdr cdr) {
    boolean offered = cdr.queuedAt() != null;
    boolean answered = cdr.answeredAt() != null;
    boolean abandoned = offered && !answered;
    Long waitMs = waitMs(cdr);
    Long talkMs = answered ? cdr.endedAt().toEpochMilli() - cdr.answeredAt().toEpochMilli() : null;
    return new CallMeasures(
        countedAt(cdr),
        !offered,
        offered,
        answered,
        abandoned,
        abandoned && waitMs < MetricDefinitions.SHORT_ABANDON_MS,
        waitMs,
        talkMs,
        cdr.endReason() == EndReason.OUT_OF_HOURS,
        cdr.endReason() == EndReason.VOICEMAIL,
        cdr.endReason() == EndReason.BLOCKED);
  }

  /** The instant whose interval a call is counted in: queued_at, or arrived_at if not offered. */
  public static Instant countedAt(Cdr cdr) {
    return cdr.queuedAt() != null ? cdr.queuedAt() : cdr.arrivedAt();
  }

  private static Long waitMs(Cdr cdr) {
    if (cdr.queuedAt() == null) {
      return null;
    }
    Instant waitEnd = cdr.answeredAt() != null ? cdr.answeredAt() : cdr.endedAt();
    return waitEnd.toEpochMilli() - cdr.queuedAt().toEpochMilli();
  }

  /** Answered within the service-level threshold; an abandoned call never meets it. */
  public boolean answeredWithin(long thresholdMs) {
    return answered && waitMs <= thresholdMs;
  }
}
