package io.hotline.dashboards.api;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricDefinitions;
import io.hotline.schemas.metrics.RecordingCoverage;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind the dashboard's panels, as JSON-ready maps: every ratio is {@link Metric} of
 * summed components from the daily tables (history) or {@code metrics_minute} (live), so the
 * dashboard, the annual report and the audit bulletin agree to the digit.
 */
public final class MetricsApi {
  private static final int N = CallCountsSql.COLUMNS.size();

  private final ClickHouseHttp clickHouse;
  private final Regions regions;

  public MetricsApi(ClickHouseHttp clickHouse, Regions regions) {
    this.clickHouse = clickHouse;
    this.regions = regions;
  }

  /** The region's figures for the period, and each child's (provinces or cities) for drill-down. */
  public Map<String, Object> overview(Selection s) throws IOException {
    String sql =
        "SELECT "
            + s.childColumn()
            + ", "
            + CallCountsSql.fromComponents()
            + ", sum(recordings_matched) AS sum_recordings_matched FROM "
            + s.components("toString(day)", "toString(month)")
            + " GROUP BY "
            + s.childColumn()
            + " ORDER BY "
            + s.childColumn();
    CallCounts total = new CallCounts();
    long totalMatched = 0;
    List<Map<String, Object>> children = new ArrayList<>();
    for (List<String> row : clickHouse.query(sql)) {
      CallCounts c = CallCountsSql.read(row.subList(1, 1 + N));
      long matched = Long.parseLong(row.get(1 + N));
      total.merge(c);
      totalMatched += matched;
      Map<String, Object> child = region(row.get(0));
      child.putAll(figures(c, matched));
      children.add(child);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("region", region(s.region().code()));
    out.put("line", s.line().number());
    out.put("from", s.from().toString());
    out.put("to", s.to().toString());
    out.put("definitions", MetricDefinitions.VERSION);
    out.put("total", figures(total, totalMatched));
    // A centre has no children: its one row is itself.
    out.put(
        "children",
        s.region().level() == io.hotline.schemas.reference.RegionLevel.CITY ? List.of() : children);
    return out;
  }

  /**
   * Per hour, day or month of the period. Hours come from the streaming job's minute table (the
   * daily tables have no hours), so at most a week of them.
   */
  public List<Map<String, Object>> series(Selection s, String by) throws IOException {
    if (by.equals("hour")) {
      return hourly(s);
    }
    String from =
        switch (by) {
          case "day" -> s.components("toString(day)", null); // days need daily rows throughout
          case "month" ->
              s.components(
                  "substring(toString(toStartOfMonth(day)), 1, 7)",
                  "substring(toString(month), 1, 7)");
          default -> throw new BadRequest("by must be hour, day or month");
        };
    String sql =
        "SELECT period AS p, "
            + CallCountsSql.fromComponents()
            + ", sum(recordings_matched) AS sum_recordings_matched FROM "
            + from
            + " GROUP BY p ORDER BY p";
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<String> row : clickHouse.query(sql)) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("period", row.get(0));
      point.putAll(
          figures(CallCountsSql.read(row.subList(1, 1 + N)), Long.parseLong(row.get(1 + N))));
      out.add(point);
    }
    return out;
  }

  private static final int MAX_HOURLY_DAYS = 7;

  private List<Map<String, Object>> hourly(Selection s) throws IOException {
    if (s.to().toEpochDay() - s.from().toEpochDay() >= MAX_HOURLY_DAYS) {
      throw new BadRequest("hours are served for at most " + MAX_HOURLY_DAYS + " days");
    }
    String sql =
        "SELECT substring(toString(toStartOfHour(minute)), 1, 13) AS p, "
            + CallCountsSql.fromComponents()
            + " FROM metrics_minute FINAL WHERE "
            + s.minuteWhere()
            + " GROUP BY p ORDER BY p";
    List<Map<String, Object>> out = new ArrayList<>();
    for (List<String> row : clickHouse.query(sql)) {
      Map<String, Object> point = new LinkedHashMap<>();
      // 2025-03-14T09, as the batch twin's hourly CSV writes it.
      point.put("period", row.get(0).replace(' ', 'T'));
      point.putAll(figures(CallCountsSql.read(row.subList(1, 1 + N)), 0));
      point.put("recording_coverage", null); // recordings are joined per day, not per hour
      out.add(point);
    }
    return out;
  }

  /**
   * Today's minutes (China time) from the streaming job's minute table, for the live view, and the
   * day so far as one total (summed components, so its ratios are exact, not averages of minutes).
   */
  public Map<String, Object> live(Selection s) throws IOException {
    LocalDate today = LocalDate.now(ChinaTime.OFFSET);
    Selection day = new Selection(s.line(), s.region(), today, today);
    String sql =
        "SELECT toString(minute) AS m, "
            + CallCountsSql.fromComponents()
            + " FROM metrics_minute FINAL WHERE "
            + day.minuteWhere()
            + " GROUP BY m ORDER BY m";
    List<Map<String, Object>> minutes = new ArrayList<>();
    CallCounts total = new CallCounts();
    for (List<String> row : clickHouse.query(sql)) {
      CallCounts c = CallCountsSql.read(row.subList(1, 1 + N));
      total.merge(c);
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("minute", row.get(0));
      point.putAll(figures(c, 0));
      minutes.add(point);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("minutes", minutes);
    Map<String, Object> totals = figures(total, 0);
    totals.put("recording_coverage", null); // recordings are joined per day, not per minute
    out.put("total", totals);
    return out;
  }

  /**
   * What the figures shown rest on: the newest ingestion time of the selection's calls (the data
   * cut-off), the calls that arrived after their minute had closed (counted in the daily figures,
   * flagged late), and — for users who may see everything — the records refused as bad input, by
   * kind and reason (a refused record may have no readable region, so it cannot be scoped).
   */
  public Map<String, Object> quality(Selection s, boolean withDeadLetters) throws IOException {
    Map<String, Object> q = new LinkedHashMap<>();
    List<String> cut =
        clickHouse
            .query("SELECT toString(max(ingested_at)), count() FROM calls WHERE " + s.where())
            .get(0);
    q.put("data_cut_off", Long.parseLong(cut.get(1)) == 0 ? null : cut.get(0));
    q.put(
        "late_calls",
        Long.parseLong(
            clickHouse.query("SELECT sum(late_calls) FROM " + s.lateComponents()).get(0).get(0)));
    if (withDeadLetters) {
      List<Map<String, Object>> reasons = new ArrayList<>();
      long total = 0;
      for (List<String> r :
          clickHouse.query(
              "SELECT kind, field, any(reason), count() AS n FROM dead_letters FINAL WHERE"
                  + " toDate(received_at) BETWEEN '"
                  + s.from()
                  + "' AND '"
                  + s.to()
                  + "' GROUP BY kind, field ORDER BY n DESC LIMIT 20")) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.get(0));
        m.put("field", r.get(1));
        m.put("example_reason", r.get(2));
        m.put("count", Long.parseLong(r.get(3)));
        total += Long.parseLong(r.get(3));
        reasons.add(m);
      }
      q.put("dead_letters", total);
      q.put("dead_letter_reasons", reasons);
    }
    return q;
  }

  private Map<String, Object> region(String code) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("code", code);
    r.put("name", regions.find(code).map(Region::name).orElse(code));
    return r;
  }

  /** Counts and every metric of a group; undefined metrics are null, never zero. */
  static Map<String, Object> figures(CallCounts c, long recordingsMatched) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("total_inbound", c.totalInbound);
    f.put("ivr_only", c.ivrOnly);
    f.put("offered", c.offered);
    f.put("answered", c.answered);
    f.put("abandoned", c.abandoned);
    for (Metric m : Metric.values()) {
      f.put(m.column(), m.of(c));
    }
    f.put("recording_coverage", RecordingCoverage.of(recordingsMatched, c.answered));
    return f;
  }
}
