package io.hotline.jobs.clickhouse;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.events.Sms;
import java.util.List;

/** A short message as a row of {@code sms}. */
public final class SmsRows implements TableRows<Sms> {
  private static final long serialVersionUID = 1L;

  private static final List<String> COLUMNS =
      List.of(
          "sms_id",
          "line",
          "center",
          "province",
          "direction",
          "sent_at",
          "sent_at_ms",
          "day",
          "segments",
          "status",
          "source",
          "version");

  private final String source;

  public SmsRows(String source) {
    this.source = source;
  }

  @Override
  public String table() {
    return "sms";
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void write(Sms s, TsvRow row) {
    row.text(s.smsId())
        .text(s.line().number())
        .text(s.center())
        .text(s.province())
        .text(s.direction().code())
        .dateTime(s.sentAt())
        .number(s.sentAt().toEpochMilli())
        .date(ChinaTime.day(s.sentAt()))
        .number(s.segments())
        .text(s.status().code())
        .text(source)
        .number(1);
  }
}
