package io.hotline.schemas.events;

import java.time.Instant;

/**
 * A call detail record: one inbound call, emitted by the platform when the call ends. Only {@link
 * EventParser} creates these from input, so every instance satisfies the contract's invariants.
 *
 * <p>{@code caller} is the raw number as received; ingest replaces it with a keyed hash before
 * anything is stored.
 */
public record Cdr(
    String callId,
    Line line,
    String center,
    String caller,
    Instant arrivedAt,
    Instant queuedAt,
    Instant answeredAt,
    Instant endedAt,
    EndReason endReason,
    String queue,
    String agentId,
    String topic,
    Integer satisfaction,
    String recordingId) {

  /** The province of the centre: first two digits of the code and {@code 0000}. */
  public String province() {
    return center.substring(0, 2) + "0000";
  }

  /** A copy with another caller value, for pseudonymisation at ingest. */
  public Cdr withCaller(String newCaller) {
    return new Cdr(
        callId,
        line,
        center,
        newCaller,
        arrivedAt,
        queuedAt,
        answeredAt,
        endedAt,
        endReason,
        queue,
        agentId,
        topic,
        satisfaction,
        recordingId);
  }
}
