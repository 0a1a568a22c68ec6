package io.hotline.jobs.clickhouse;

import io.hotline.jobs.records.Alert;
import io.hotline.schemas.clickhouse.LiveAlerts;
import io.hotline.schemas.clickhouse.TsvRow;
import java.util.List;

/** An alert's opening or clearing as a row of {@code alerts}; the clearing row replaces it. */
public final class AlertRows implements TableRows<Alert> {
  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "alerts";
  }

  @Override
  public List<String> columns() {
    return LiveAlerts.ALERT_COLUMNS; // the dashboard reads what the job writes
  }

  @Override
  public void write(Alert a, TsvRow row) {
    row.text(a.alertId())
        .text(a.center())
        .text(a.province())
        .text(a.rule().code())
        .text(a.subject())
        .text(a.isOpen() ? "open" : "cleared")
        .dateTime(a.openedAt())
        .nullableDateTime(a.clearedAt())
        .dateTime(a.observedAt())
        .nullableDecimal(finite(a.value()))
        .nullableDecimal(finite(a.threshold()))
        .text(a.detail())
        .number(a.version());
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : 0.0;
  }
}
