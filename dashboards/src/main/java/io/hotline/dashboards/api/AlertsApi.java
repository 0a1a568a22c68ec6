package io.hotline.dashboards.api;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.LiveAlerts;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts panel: the streaming job's open alerts of the selection's region and those of the last
 * week, and the recording join's figures per centre for the selected days.
 */
public final class AlertsApi {
  /** How far back cleared alerts are still listed. */
  static final Duration RECENT = Duration.ofDays(7);

  private static final int LIMIT = 50;

  private final LiveAlerts alerts;
  private final Clock clock;
  private final Regions regions = Regions.standard();

  public AlertsApi(ClickHouseHttp clickHouse, Clock clock) {
    this.alerts = new LiveAlerts(clickHouse);
    this.clock = clock;
  }

  public Map<String, Object> alerts(Selection s) throws IOException {
    List<Map<String, Object>> list = new ArrayList<>();
    for (LiveAlerts.Alert a :
        alerts.openAndRecent(s.region(), clock.instant().minus(RECENT), LIMIT)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("center", a.center());
      row.put("center_name", regions.find(a.center()).map(r -> r.name()).orElse(a.center()));
      row.put("rule", a.rule());
      row.put("open", a.open());
      row.put("opened_at", a.openedAt().toString());
      row.put("cleared_at", a.clearedAt() == null ? null : a.clearedAt().toString());
      row.put("detail", a.detail());
      list.add(row);
    }
    List<Map<String, Object>> recordings = new ArrayList<>();
    for (LiveAlerts.RecordingFigures f : alerts.recordingFigures(s.region(), s.from(), s.to())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("center", f.center());
      row.put("center_name", regions.find(f.center()).map(r -> r.name()).orElse(f.center()));
      row.put("answered", f.answered());
      row.put("without_recording", f.withoutRecording());
      row.put("short_recordings", f.shortRecordings());
      row.put("orphans", f.orphans());
      row.put("coverage", f.coverage());
      recordings.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("alerts", list);
    out.put("recordings", recordings);
    return out;
  }
}
