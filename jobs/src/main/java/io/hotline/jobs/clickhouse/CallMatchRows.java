package io.hotline.jobs.clickhouse;

import io.hotline.jobs.records.CallMatch;
import io.hotline.schemas.clickhouse.LiveAlerts;
import io.hotline.schemas.clickhouse.TsvRow;
import java.util.List;

/** An outcome of the recording join as a row of {@code recording_matches}. */
public final class CallMatchRows implements TableRows<CallMatch> {
  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "recording_matches";
  }

  @Override
  public List<String> columns() {
    return LiveAlerts.MATCH_COLUMNS; // the dashboard reads what the job writes
  }

  @Override
  public void write(CallMatch m, TsvRow row) {
    row.text(m.callId())
        .text(m.recordingId())
        .text(m.center())
        .text(m.province())
        .date(m.day())
        .dateTime(m.at())
        .text(m.outcome().code())
        .flag(m.answered())
        .nullableNumber(m.talkMs())
        .nullableNumber(m.recordingMs())
        // Every outcome of a pair of ids is decided by the events alone, so a replay writes the
        // same row; the version only has to be stable.
        .number(1);
  }
}
