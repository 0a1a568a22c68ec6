package io.hotline.jobs.clickhouse;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.reference.Topics;
import java.time.Instant;
import java.util.List;

/**
 * A call as a row of {@code calls}: the event's fields (caller already pseudonymised) and every
 * per-call measure from {@link CallMeasures}, so queries never re-derive them.
 */
public final class CallRows implements TableRows<Cdr> {
  private static final long serialVersionUID = 1L;

  private static final List<String> COLUMNS =
      List.of(
          "call_id",
          "line",
          "center",
          "province",
          "caller_hash",
          "arrived_at",
          "queued_at",
          "answered_at",
          "ended_at",
          "arrived_at_ms",
          "queued_at_ms",
          "answered_at_ms",
          "ended_at_ms",
          "counted_at",
          "day",
          "end_reason",
          "queue",
          "agent_id",
          "topic",
          "topic_category",
          "satisfaction",
          "recording_id",
          "ivr_only",
          "offered",
          "answered",
          "abandoned",
          "short_abandoned",
          "out_of_hours",
          "voicemail",
          "blocked",
          "wait_ms",
          "talk_ms",
          "late",
          "source",
          "version");

  private final String source;
  private final boolean late;

  /**
   * @param source where the calls come from, e.g. {@code kafka} or a file name
   * @param late whether these calls came after their minute's allowed lateness; such a row replaces
   *     the call's first row (higher version) so the flag is visible
   */
  public CallRows(String source, boolean late) {
    this.source = source;
    this.late = late;
  }

  @Override
  public String table() {
    return "calls";
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void write(Cdr c, TsvRow row) {
    CallMeasures m = CallMeasures.of(c);
    row.text(c.callId())
        .text(c.line().number())
        .text(c.center())
        .text(c.province())
        .text(c.caller())
        .dateTime(c.arrivedAt())
        .nullableDateTime(c.queuedAt())
        .nullableDateTime(c.answeredAt())
        .dateTime(c.endedAt())
        .number(c.arrivedAt().toEpochMilli())
        .nullableNumber(millis(c.queuedAt()))
        .nullableNumber(millis(c.answeredAt()))
        .number(c.endedAt().toEpochMilli())
        .dateTime(m.countedAt())
        .date(ChinaTime.day(m.countedAt()))
        .text(c.endReason().code())
        .text(c.queue())
        .text(c.agentId())
        .text(c.topic())
        .text(c.topic() == null ? null : Topics.categoryOf(c.topic()))
        .nullableNumber(c.satisfaction() == null ? null : c.satisfaction().longValue())
        .text(c.recordingId())
        .flag(m.ivrOnly())
        .flag(m.offered())
        .flag(m.answered())
        .flag(m.abandoned())
        .flag(m.shortAbandoned())
        .flag(m.outOfHours())
        .flag(m.voicemail())
        .flag(m.blocked())
        .nullableNumber(m.waitMs())
        .nullableNumber(m.talkMs())
        .flag(late)
        .text(source)
        // Every copy of a call carries the same content, so the version only has to be stable;
        // the late-flagged row must win over the first one.
        .number(late ? 2 : 1);
  }

  private static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
