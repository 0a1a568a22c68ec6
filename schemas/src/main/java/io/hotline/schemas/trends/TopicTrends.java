package io.hotline.schemas.trends;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Topic trends from ClickHouse's {@code topics_daily}: reads a period's and its baseline's calls
 * per topic for one line and region and runs {@link RisingTopics} on both levels of the code table.
 * The one function behind {@code hotline trends}, the dashboard's topic panel and the annual
 * report's topic section. Reads the daily tables as they are; callers refresh them first ({@code
 * DailyRollup}).
 */
public final class TopicTrends {
  private final ClickHouseHttp clickHouse;
  private final Topics topics;
  private final RisingTopics method;

  public TopicTrends(ClickHouseHttp clickHouse, TrendSettings settings) {
    this.clickHouse = clickHouse;
    this.topics = Topics.standard();
    this.method = new RisingTopics(HolidayCalendar.standard(), settings);
  }

  /** The trend report of the line and region for the period. */
  public TrendReport of(Line line, Region region, TrendPeriod period) throws IOException {
    Baseline baseline = Baseline.choose(period, daysWithData(line, region, period));
    Loaded now = load(line, region, period.from(), period.to());
    TopicCounts before =
        baseline.kind() == Baseline.Kind.NONE
            ? new TopicCounts()
            : load(line, region, baseline.from(), baseline.to()).counts;
    Set<String> seen = seenBefore(line, region, period.from());
    Set<String> seenCategories = new HashSet<>();
    seen.forEach(code -> seenCategories.add(Topics.categoryOf(code)));
    return new TrendReport(
        line,
        region,
        period,
        baseline,
        now.counts.total(),
        now.unclassified,
        method.analyse(now.counts.categories(), before.categories(), seenCategories),
        method.analyse(subcategoriesOnly(now.counts), subcategoriesOnly(before), seen));
  }

  /**
   * Categories 26 and 27 have no sub-categories, so their two-digit codes are the finest level; the
   * sub-category list keeps only four-digit codes so that shares add up within one level.
   */
  private static TopicCounts subcategoriesOnly(TopicCounts counts) {
    TopicCounts out = new TopicCounts();
    for (String topic : counts.topics()) {
      if (topic.length() == 4) {
        counts.daily(topic).forEach((day, n) -> out.add(day, topic, n));
      }
    }
    return out;
  }

  private record Loaded(TopicCounts counts, long unclassified) {}

  private Loaded load(Line line, Region region, LocalDate from, LocalDate to) throws IOException {
    List<List<String>> rows =
        clickHouse.query(
            "SELECT toString(day), topic, sum(calls) FROM topics_daily FINAL WHERE "
                + where(line, region, from, to)
                + " GROUP BY day, topic");
    TopicCounts counts = new TopicCounts();
    long unclassified = 0;
    for (List<String> row : rows) {
      String topic = row.get(1);
      long calls = Long.parseLong(row.get(2));
      if (topics.isKnown(topic)) {
        counts.add(LocalDate.parse(row.get(0)), topic, calls);
      } else {
        unclassified += calls;
      }
    }
    return new Loaded(counts, unclassified);
  }

  /** Days with any call in the region, over the span both baseline candidates could take. */
  private Set<LocalDate> daysWithData(Line line, Region region, TrendPeriod period)
      throws IOException {
    LocalDate first = period.from().minusYears(1);
    LocalDate weeks = Baseline.precedingWeeksStart(period);
    if (weeks.isBefore(first)) {
      first = weeks;
    }
    Set<LocalDate> days = new TreeSet<>();
    // No FINAL: only whether a day has rows matters, and replaced rows have the same days.
    for (List<String> row :
        clickHouse.query(
            "SELECT toString(day) FROM topics_daily WHERE "
                + where(line, region, first, period.from().minusDays(1))
                + " AND calls > 0 GROUP BY day")) {
      days.add(LocalDate.parse(row.get(0)));
    }
    return days;
  }

  /** Topic codes with a call in the region before the day: what makes a topic not "new". */
  private Set<String> seenBefore(Line line, Region region, LocalDate day) throws IOException {
    Set<String> seen = new HashSet<>();
    for (List<String> row :
        clickHouse.query(
            "SELECT DISTINCT topic FROM topics_daily WHERE "
                + where(line, region, LocalDate.of(2000, 1, 1), day.minusDays(1))
                + " AND calls > 0")) {
      if (topics.isKnown(row.get(0))) {
        seen.add(row.get(0));
      }
    }
    return seen;
  }

  /**
   * The rows of the line and region between two days. Codes come from {@link Line} and the region
   * table, never from a request, so nothing here needs escaping.
   */
  static String where(Line line, Region region, LocalDate from, LocalDate to) {
    String days = "line = '" + line.number() + "' AND day BETWEEN '" + from + "' AND '" + to + "'";
    return switch (region.level()) {
      case NATION -> days;
      case PROVINCE -> days + " AND province = '" + region.code() + "'";
      case CITY ->
          days
              + " AND province = '"
              + region.provinceCode()
              + "' AND center = '"
              + region.code()
              + "'";
    };
  }
}
