package io.hotline.jobs.clickhouse;

import io.hotline.jobs.records.MinuteRow;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.metrics.CallCounts;
import java.util.List;

/**
 * A minute's components as a row of {@code metrics_minute}; the wait histogram is written sparse
 * (seconds and calls of the non-empty buckets), which readers add up with {@code sumMap}.
 */
public final class MinuteRows implements TableRows<MinuteRow> {
  private static final long serialVersionUID = 1L;

  private static final List<String> COLUMNS =
      List.of(
          "minute",
          "day",
          "line",
          "center",
          "province",
          "total_inbound",
          "ivr_only",
          "offered",
          "answered",
          "abandoned",
          "short_abandoned",
          "out_of_hours",
          "voicemail",
          "blocked",
          "answered_within_15s",
          "answered_within_20s",
          "late_events",
          "sat_1",
          "sat_2",
          "sat_3",
          "recorded_answered",
          "answered_wait_ms",
          "abandoned_wait_ms",
          "talk_ms",
          "wait_hist_seconds",
          "wait_hist_calls",
          "version");

  @Override
  public String table() {
    return "metrics_minute";
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void write(MinuteRow m, TsvRow row) {
    CallCounts c = m.counts();
    row.dateTime(m.minute())
        .date(ChinaTime.day(m.minute()))
        .text(m.line())
        .text(m.center())
        .text(m.center().substring(0, 2) + "0000")
        .number(c.totalInbound)
        .number(c.ivrOnly)
        .number(c.offered)
        .number(c.answered)
        .number(c.abandoned)
        .number(c.shortAbandoned)
        .number(c.outOfHours)
        .number(c.voicemail)
        .number(c.blocked)
        .number(c.answeredWithin15s)
        .number(c.answeredWithin20s)
        .number(m.lateEvents())
        .number(c.sat1)
        .number(c.sat2)
        .number(c.sat3)
        .number(c.recordedAnswered)
        .number(c.answeredWaitMs)
        .number(c.abandonedWaitMs)
        .number(c.talkMs);
    long[] hist = c.waitHistogram;
    int nonEmpty = 0;
    for (long v : hist) {
      nonEmpty += v != 0 ? 1 : 0;
    }
    long[] seconds = new long[nonEmpty];
    long[] calls = new long[nonEmpty];
    for (int i = 0, j = 0; i < hist.length; i++) {
      if (hist[i] != 0) {
        seconds[j] = i;
        calls[j++] = hist[i];
      }
    }
    row.array(seconds).array(calls).number(m.version());
  }
}
