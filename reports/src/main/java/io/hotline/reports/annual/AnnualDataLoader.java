package io.hotline.reports.annual;

import io.hotline.reports.ReportError;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topic;
import io.hotline.schemas.reference.Topics;
import io.hotline.schemas.trends.TopicTrends;
import io.hotline.schemas.trends.TrendPeriod;
import io.hotline.schemas.trends.TrendSettings;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads an {@link AnnualData} from the daily tables with a handful of grouped queries; all sums are
 * the shared components ({@link CallCountsSql}), so every ratio in the report comes from the one
 * definition in {@link io.hotline.schemas.metrics.Metric}. Region codes and the year are checked
 * before they reach SQL; nothing else from the user does.
 */
public final class AnnualDataLoader {
  private final ClickHouseHttp clickHouse;
  private final Regions regions;
  private final Topics topics;

  public AnnualDataLoader(ClickHouseHttp clickHouse, Regions regions, Topics topics) {
    this.clickHouse = clickHouse;
    this.regions = regions;
    this.topics = topics;
  }

  /**
   * Refreshes the daily tables for the year and the one before (for year-on-year figures); run once
   * before loading any number of reports of that year.
   */
  public DailyRollup.Result refresh(int year) throws IOException {
    return new DailyRollup(clickHouse)
        .refresh(LocalDate.of(year - 1, 1, 1), LocalDate.of(year, 12, 31));
  }

  /** The report's numbers; fails with a plain sentence when the area has no call in the year. */
  public AnnualData load(ReportScope scope, int year, DailyRollup.Result rollup)
      throws IOException {
    AnnualData data = new AnnualData(scope, year);
    Filter f = new Filter(scope, year);
    loadCalls(data, f);
    if (!data.hasCalls()) {
      throw new ReportError(
          "there are no 12333 or 12370 calls for "
              + scope.name()
              + " ("
              + scope.code()
              + ") in "
              + year
              + ": nothing to report; load that year's data first.");
    }
    loadDays(data, f);
    loadHours(data, f);
    loadFirstDays(data, f);
    if (scope.national()) {
      loadCitiesPerProvince(data, f);
    }
    loadTopics(data, f);
    loadTopicTrends(data);
    loadSms(data, f);
    data.dataCutOff = rollup.dataCutOff().orElse(null);
    return data;
  }

  /** The WHERE clause and the unit column of a scope and year. */
  private record Filter(ReportScope scope, int year) {
    String unit() {
      return scope.national() ? "province" : "center";
    }

    String where(int fromYear) {
      String lines =
          AnnualData.LINES.stream()
              .map(l -> "'" + l.number() + "'")
              .collect(Collectors.joining(", "));
      return " WHERE day BETWEEN '"
          + LocalDate.of(fromYear, 1, 1)
          + "' AND '"
          + LocalDate.of(year, 12, 31)
          + "' AND line IN ("
          + lines
          + ")"
          + (scope.national() ? "" : " AND province = '" + scope.code() + "'");
    }
  }

  private List<List<String>> query(AnnualData data, String name, String sql) throws IOException {
    List<List<String>> rows = clickHouse.query(sql);
    data.rowsRead.merge(name, (long) rows.size(), Long::sum);
    return rows;
  }

  /** Components per year × line × unit × month: the year, months, units and year-on-year. */
  private void loadCalls(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT toYear(day) AS y, line, "
            + f.unit()
            + " AS unit, toMonth(day) AS m,\n  "
            + CallCountsSql.fromComponents()
            + ",\n  sum(recordings_matched) AS sum_recordings_matched, sum(late_calls) AS"
            + " sum_late_calls\nFROM calls_daily FINAL"
            + f.where(data.year - 1)
            + "\nGROUP BY y, line, unit, m";
    int n = CallCountsSql.COLUMNS.size();
    for (List<String> r : query(data, "calls_daily by line, unit, month", sql)) {
      int y = Integer.parseInt(r.get(0));
      LineYear line = data.line(Line.ofNumber(r.get(1)).orElseThrow());
      String unit = r.get(2);
      int month = Integer.parseInt(r.get(3)) - 1;
      CallCounts c = CallCountsSql.read(r.subList(4, 4 + n));
      long matched = Long.parseLong(r.get(4 + n));
      if (y == data.year) {
        line.year.merge(c);
        line.months[month].merge(c);
        line.recordingsMatched += matched;
        line.monthRecordingsMatched[month] += matched;
        line.lateCalls += Long.parseLong(r.get(5 + n));
        LineYear.Unit u = line.unit(unit);
        u.counts.merge(c);
        u.recordingsMatched += matched;
      } else {
        line.previousYear.merge(c);
        line.previousMonths[month].merge(c);
        line.unit(unit).previousYear.merge(c);
      }
    }
    // Units that only had calls last year stay listed (with no calls this year) so the report
    // shows that they stopped; units never seen are handled by completeness.
  }

  /** Inbound per line × unit × day: peak days and which days each unit has data. */
  private void loadDays(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT line, "
            + f.unit()
            + " AS unit, day, sum(total_inbound) FROM calls_daily FINAL"
            + f.where(data.year)
            + " GROUP BY line, unit, day";
    Map<Line, Map<LocalDate, Long>> perDay = new HashMap<>();
    Map<String, Set<LocalDate>> unitDays = new TreeMap<>();
    TreeSet<LocalDate> areaDays = new TreeSet<>();
    for (List<String> r : query(data, "calls_daily by line, unit, day", sql)) {
      Line line = Line.ofNumber(r.get(0)).orElseThrow();
      LocalDate day = LocalDate.parse(r.get(2));
      long inbound = Long.parseLong(r.get(3));
      perDay.computeIfAbsent(line, l -> new HashMap<>()).merge(day, inbound, Long::sum);
      unitDays.computeIfAbsent(r.get(1), u -> new TreeSet<>()).add(day);
      areaDays.add(day);
    }
    perDay.forEach(
        (line, days) ->
            days.entrySet().stream()
                .max(
                    Map.Entry.<LocalDate, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .ifPresent(
                    e ->
                        data.line(line).peakDay = new LineYear.Peak(e.getKey(), -1, e.getValue())));
    data.completeness = completeness(data.scope, areaDays, unitDays);
  }

  private Completeness completeness(
      ReportScope scope, TreeSet<LocalDate> areaDays, Map<String, Set<LocalDate>> unitDays) {
    List<String> without = new ArrayList<>();
    for (Region unit : scope.expectedUnits(regions)) {
      if (!unitDays.containsKey(unit.code())) {
        without.add(unit.code());
      }
    }
    LocalDate first = areaDays.first();
    LocalDate last = areaDays.last();
    List<Completeness.Gap> gaps = new ArrayList<>();
    for (Map.Entry<String, Set<LocalDate>> unit : unitDays.entrySet()) {
      for (YearMonth m = YearMonth.from(first);
          !m.isAfter(YearMonth.from(last));
          m = m.plusMonths(1)) {
        LocalDate from = m.atDay(1).isBefore(first) ? first : m.atDay(1);
        LocalDate to = m.atEndOfMonth().isAfter(last) ? last : m.atEndOfMonth();
        int expected = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        int seen = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          if (unit.getValue().contains(d)) {
            seen++;
          }
        }
        if (seen < expected) {
          gaps.add(new Completeness.Gap(unit.getKey(), m, seen, expected));
        }
      }
    }
    return new Completeness(first, last, without, gaps);
  }

  /** Inbound per line × day × clock hour: the peak hour and the hourly profile. */
  private void loadHours(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT line, day, h, sum(c) FROM calls_daily FINAL ARRAY JOIN hour_of_day AS h,"
            + " hour_inbound AS c"
            + f.where(data.year)
            + " GROUP BY line, day, h";
    for (List<String> r : query(data, "calls_daily by line, day, hour", sql)) {
      LineYear line = data.line(Line.ofNumber(r.get(0)).orElseThrow());
      LocalDate day = LocalDate.parse(r.get(1));
      int hour = Integer.parseInt(r.get(2));
      long inbound = Long.parseLong(r.get(3));
      line.inboundByHourOfDay[hour] += inbound;
      LineYear.Peak p = line.peakHour;
      if (p == null
          || inbound > p.inbound()
          || (inbound == p.inbound()
              && (day.isBefore(p.day()) || day.equals(p.day()) && hour < p.hour()))) {
        line.peakHour = new LineYear.Peak(day, hour, inbound);
      }
    }
  }

  /** The first day each unit has calls on each line, over all the data held. */
  private void loadFirstDays(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT line, "
            + f.unit()
            + " AS unit, min(day) FROM calls_daily"
            + f.where(2000)
            + " GROUP BY line, unit";
    for (List<String> r : query(data, "calls_daily first day per unit", sql)) {
      LineYear line = data.line(Line.ofNumber(r.get(0)).orElseThrow());
      line.unit(r.get(1)).firstDay = LocalDate.parse(r.get(2));
    }
  }

  /** Nationally: how many cities of each province have calls on each line in the year. */
  private void loadCitiesPerProvince(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT line, province, uniqExact(center) FROM calls_daily"
            + f.where(data.year)
            + " GROUP BY line, province";
    for (List<String> r : query(data, "calls_daily cities per province", sql)) {
      LineYear line = data.line(Line.ofNumber(r.get(0)).orElseThrow());
      line.unit(r.get(1)).citiesWithData = Integer.parseInt(r.get(2));
    }
  }

  /** Calls per topic code in each half of the year and the year before. */
  private void loadTopics(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT topic, toYear(day) AS y, toMonth(day) <= 6 AS first_half, sum(calls) FROM"
            + " topics_daily FINAL"
            + f.where(data.year - 1)
            + " GROUP BY topic, y, first_half";
    Map<String, long[]> subs = new TreeMap<>();
    Map<String, long[]> cats = new TreeMap<>();
    for (List<String> r : query(data, "topics_daily by topic, half", sql)) {
      String topic = r.get(0);
      int slot = Integer.parseInt(r.get(1)) != data.year ? 2 : "1".equals(r.get(2)) ? 0 : 1;
      long calls = Long.parseLong(r.get(3));
      if (topic.isEmpty()) {
        // IVR-only and unanswered calls have no wrap-up code; they are counted, not ranked.
        if (slot < 2) {
          data.unclassifiedCalls += calls;
        }
        continue;
      }
      String category = Topics.categoryOf(topic);
      cats.computeIfAbsent(category, k -> new long[3])[slot] += calls;
      if (topic.length() == 4) {
        subs.computeIfAbsent(topic, k -> new long[3])[slot] += calls;
      }
    }
    data.categories = topicYears(cats);
    data.subcategories = topicYears(subs);
  }

  /**
   * Rising topics with the method the dashboard and {@code hotline trends} use: the year against
   * the last when the last has topic calls, otherwise each month of the year against its baseline.
   * Only 12333: the code table is the human-resources and social-security one.
   */
  private void loadTopicTrends(AnnualData data) throws IOException {
    TopicTrends trends = new TopicTrends(clickHouse, TrendSettings.DEFAULT);
    boolean lastYear = data.categories.stream().mapToLong(TopicYear::previousYear).sum() > 0;
    List<TrendPeriod> periods = new ArrayList<>();
    if (lastYear) {
      periods.add(TrendPeriod.parse(String.valueOf(data.year)));
    } else {
      for (int m = 1; m <= 12; m++) {
        periods.add(TrendPeriod.parse(YearMonth.of(data.year, m).toString()));
      }
    }
    data.topicTrends = trends.of(Line.L12333, data.scope.region(), periods);
  }

  private List<TopicYear> topicYears(Map<String, long[]> counts) {
    List<TopicYear> out = new ArrayList<>();
    counts.forEach((code, c) -> out.add(new TopicYear(code, topicName(code), c[0], c[1], c[2])));
    out.sort(Comparator.comparingLong(TopicYear::year).reversed().thenComparing(TopicYear::code));
    return List.copyOf(out);
  }

  private String topicName(String code) {
    return topics.find(code).map(Topic::name).orElse("（代码表外）" + code);
  }

  /** Messages and segments per line × month × direction × status, this year and last. */
  private void loadSms(AnnualData data, Filter f) throws IOException {
    String sql =
        "SELECT toYear(day) AS y, line, toMonth(day) AS m, direction, status, sum(messages),"
            + " sum(segments) FROM sms_daily FINAL"
            + f.where(data.year - 1)
            + " GROUP BY y, line, m, direction, status";
    for (List<String> r : query(data, "sms_daily by line, month, direction, status", sql)) {
      LineYear line = data.line(Line.ofNumber(r.get(1)).orElseThrow());
      long messages = Long.parseLong(r.get(5));
      long segments = Long.parseLong(r.get(6));
      if (Integer.parseInt(r.get(0)) == data.year) {
        line.sms.add(r.get(3), r.get(4), messages, segments);
        line.smsMonths[Integer.parseInt(r.get(2)) - 1].add(r.get(3), r.get(4), messages, segments);
      } else {
        line.previousSms.add(r.get(3), r.get(4), messages, segments);
      }
    }
  }
}
