package io.hotline.dashboards.api;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.reference.Topics;
import io.hotline.schemas.trends.TopicCounts;
import io.hotline.schemas.trends.TopicTrend;
import io.hotline.schemas.trends.TopicTrends;
import io.hotline.schemas.trends.TrendPeriod;
import io.hotline.schemas.trends.TrendReport;
import io.hotline.schemas.trends.TrendSettings;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topic panel's numbers: the top categories and sub-categories of the selection, the rising
 * ones, and the top categories' shares over time — from {@link TopicTrends}, the function {@code
 * hotline trends} and the annual report use.
 */
public final class TopicsApi {
  /** Categories drawn in the share-over-time chart. */
  static final int CHART_CATEGORIES = 5;

  private static final int TOP = 10;

  private final TopicTrends trends;
  private final Topics topics = Topics.standard();

  public TopicsApi(ClickHouseHttp clickHouse) {
    this.trends = new TopicTrends(clickHouse, TrendSettings.DEFAULT);
  }

  public Map<String, Object> topics(Selection s) throws IOException {
    TrendReport r = trends.of(s.line(), s.region(), TrendPeriod.of(s.from(), s.to()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("baseline", r.baseline().chinese());
    out.put("classified", r.classified());
    out.put("unclassified", r.unclassified());
    out.put("categories", rows(r.topCategories(TOP)));
    out.put("subcategories", rows(r.topSubcategories(TOP)));
    out.put("flagged", r.flagged().stream().map(this::flagged).toList());
    out.put("shares", shares(s, r));
    return out;
  }

  private List<Map<String, Object>> rows(List<TopicTrend> trends) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TopicTrend t : trends) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", t.code());
      row.put("name", name(t.code()));
      row.put("calls", t.calls());
      row.put("share", t.share());
      row.put("expected", t.expected() > 0 ? Math.round(t.expected()) : null);
      row.put("lift", t.expected() > 0 ? t.lift() : null);
      out.add(row);
    }
    return out;
  }

  private Map<String, Object> flagged(TopicTrend t) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("code", t.code());
    row.put("name", name(t.code()));
    row.put("status", t.status().name().toLowerCase());
    row.put("status_name", t.status().chinese());
    TopicTrend.Episode e = t.episode();
    row.put("from", e == null ? null : e.from().toString());
    row.put("to", e == null ? null : e.to().toString());
    row.put("calls", e == null ? t.calls() : e.calls());
    row.put("expected", e == null ? null : Math.round(e.expected()));
    row.put("lift", e == null || e.expected() <= 0 ? null : e.calls() / e.expected());
    row.put("q", t.qValue());
    return row;
  }

  /**
   * Each top category's share of classified calls per day (ranges up to 62 days) or month: the
   * period's calls of the category over all classified calls of the period — from the counts the
   * trend report was computed on, so the chart and the tables agree.
   */
  private Map<String, Object> shares(Selection s, TrendReport r) {
    boolean daily = s.to().toEpochDay() - s.from().toEpochDay() <= 62;
    TopicCounts days = r.categoryDays();
    Map<String, Map<String, Long>> byPeriod = new TreeMap<>();
    for (String category : days.topics()) {
      days.daily(category)
          .forEach(
              (day, n) ->
                  byPeriod
                      .computeIfAbsent(periodOf(day, daily), k -> new HashMap<>())
                      .merge(category, n, Long::sum));
    }
    List<String> periods = new ArrayList<>(byPeriod.keySet());
    List<Map<String, Object>> series = new ArrayList<>();
    for (TopicTrend t : r.topCategories(CHART_CATEGORIES)) {
      List<Double> values = new ArrayList<>();
      for (String p : periods) {
        Map<String, Long> calls = byPeriod.get(p);
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        values.add(total == 0 ? null : (double) calls.getOrDefault(t.code(), 0L) / total);
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("code", t.code());
      one.put("name", name(t.code()));
      one.put("values", values);
      series.add(one);
    }
    series.sort(Comparator.comparing(m -> (String) m.get("code")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("by", daily ? "day" : "month");
    out.put("periods", periods);
    out.put("series", series);
    return out;
  }

  /** {@code 2025-03-14} by day, {@code 2025-03} by month, as the other series write periods. */
  private static String periodOf(LocalDate day, boolean daily) {
    return daily ? day.toString() : YearMonth.from(day).toString();
  }

  private String name(String code) {
    return topics.find(code).map(t -> t.name()).orElse(code);
  }
}
