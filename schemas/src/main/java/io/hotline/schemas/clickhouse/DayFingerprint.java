package io.hotline.schemas.clickhouse;

import java.time.LocalDateTime;

/**
 * What a day's source rows looked like: per table, the row count and a sum over an event-time
 * column in milliseconds. A new row, a duplicate, or a merge that drops a duplicate each change one
 * of them; equal fingerprints mean the day's daily rows are still right. The newest ingestion time
 * is kept for the data cut-off, not compared (merges may change it without changing data).
 */
final class DayFingerprint {
  long callsRows;
  long callsTimeSum;
  long recordingsRows;
  long recordingsTimeSum;
  long smsRows;
  long smsTimeSum;
  private LocalDateTime ingestedMax = LocalDateTime.MIN;

  DayFingerprint calls(long rows, long timeSum, LocalDateTime ingested) {
    callsRows = rows;
    callsTimeSum = timeSum;
    return seen(ingested);
  }

  DayFingerprint recordings(long rows, long timeSum, LocalDateTime ingested) {
    recordingsRows = rows;
    recordingsTimeSum = timeSum;
    return seen(ingested);
  }

  DayFingerprint sms(long rows, long timeSum, LocalDateTime ingested) {
    smsRows = rows;
    smsTimeSum = timeSum;
    return seen(ingested);
  }

  private DayFingerprint seen(LocalDateTime ingested) {
    if (ingested.isAfter(ingestedMax)) {
      ingestedMax = ingested;
    }
    return this;
  }

  LocalDateTime ingestedMax() {
    return ingestedMax;
  }

  boolean sameRows(DayFingerprint o) {
    return callsRows == o.callsRows
        && callsTimeSum == o.callsTimeSum
        && smsRows == o.smsRows
        && smsTimeSum == o.smsTimeSum
        && sameRecordings(o);
  }

  boolean sameRecordings(DayFingerprint o) {
    return recordingsRows == o.recordingsRows && recordingsTimeSum == o.recordingsTimeSum;
  }
}
