package io.hotline.jobs.testing;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.testing.EventJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Small factories of valid calls and recordings for the alert and join tests, parsed by the real
 * parser: {@code answered(center, queuedAt)}, {@code abandoned(...)}, {@code voicemail(...)}.
 */
public final class AlertCalls {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.ofHours(8));
  private static int next;

  private AlertCalls() {}

  /** The instant of a China wall-clock time, e.g. {@code china("2025-03-14T09:00")}. */
  public static Instant china(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(8));
  }

  private static String iso(Instant t) {
    return ISO.format(t);
  }

  /** An answered call queued at {@code queued}: 10 s wait, 3 min talk, with a topic. */
  public static Cdr answered(String center, Instant queued, String topic) {
    return answered("c-" + (++next), center, "13900000000", queued, 180, topic);
  }

  public static Cdr answered(
      String callId, String center, String caller, Instant queued, long talkSeconds, String topic) {
    Instant answeredAt = queued.plusSeconds(10);
    return parse(
        EventJson.answeredCall()
            .with("call_id", callId)
            .with("center", center)
            .with("caller", caller)
            .with("arrived_at", iso(queued.minusSeconds(10)))
            .with("queued_at", iso(queued))
            .with("answered_at", iso(answeredAt))
            .with("ended_at", iso(answeredAt.plusSeconds(talkSeconds)))
            .with("topic", topic)
            .with("recording_id", "r-" + callId));
  }

  /** A call abandoned after 30 s in the queue. */
  public static Cdr abandoned(String center, Instant queued) {
    return abandoned("c-" + (++next), center, queued);
  }

  public static Cdr abandoned(String callId, String center, Instant queued) {
    return parse(
        EventJson.abandonedCall()
            .with("call_id", callId)
            .with("center", center)
            .with("arrived_at", iso(queued.minusSeconds(10)))
            .with("queued_at", iso(queued))
            .with("ended_at", iso(queued.plusSeconds(30))));
  }

  /** A voicemail left by {@code caller}, ending at {@code at}. */
  public static Cdr voicemail(String center, String caller, Instant at) {
    return parse(
        EventJson.ivrOnlyCall()
            .with("call_id", "vm-" + (++next))
            .with("center", center)
            .with("caller", caller)
            .with("arrived_at", iso(at.minusSeconds(60)))
            .with("ended_at", iso(at))
            .with("end_reason", "voicemail"));
  }

  /** A recording of {@code callId} starting at {@code startedAt}. */
  public static Recording recording(
      String recordingId, String callId, String center, Instant startedAt, long durationMs) {
    return EventParser.standard()
        .parseRecording(
            EventJson.recording()
                .with("recording_id", recordingId)
                .with("call_id", callId)
                .with("center", center)
                .with("started_at", iso(startedAt))
                .with("duration_ms", durationMs)
                .json())
        .event();
  }

  private static Cdr parse(EventJson json) {
    return EventParser.standard().parseCdr(json.json()).event();
  }
}
