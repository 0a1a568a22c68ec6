package io.hotline.jobs.clickhouse;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.events.Recording;
import java.util.List;

/** A recording's metadata as a row of {@code recordings}. */
public final class RecordingRows implements TableRows<Recording> {
  private static final long serialVersionUID = 1L;

  private static final List<String> COLUMNS =
      List.of(
          "recording_id",
          "call_id",
          "center",
          "province",
          "agent_id",
          "started_at",
          "started_at_ms",
          "duration_ms",
          "uri",
          "codec",
          "bytes",
          "sha256",
          "day",
          "source",
          "version");

  private final String source;

  public RecordingRows(String source) {
    this.source = source;
  }

  @Override
  public String table() {
    return "recordings";
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void write(Recording r, TsvRow row) {
    row.text(r.recordingId())
        .text(r.callId())
        .text(r.center())
        .text(r.province())
        .text(r.agentId())
        .dateTime(r.startedAt())
        .number(r.startedAt().toEpochMilli())
        .number(r.durationMs())
        .text(r.uri())
        .text(r.codec())
        .nullableNumber(r.bytes())
        .text(r.sha256())
        .date(ChinaTime.day(r.startedAt()))
        .text(source)
        .number(1);
  }
}
