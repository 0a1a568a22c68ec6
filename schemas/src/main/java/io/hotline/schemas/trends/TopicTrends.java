package io.hotline.schemas.trends;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.RegionFilter;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Topic trends from ClickHouse's daily topic tables ({@code topics_region_daily} for the nation and
 * a province, {@code topics_daily} for a city): reads a period's and its baseline's calls per topic
 * for one line and region and runs {@link RisingTopics} on both levels of the code table. The one
 * function behind {@code hotline trends}, the dashboard's topic panel and the annual report's topic
 * section. Reads the daily tables as they are; callers refresh them first ({@code DailyRollup}).
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
    return of(line, region, List.of(period)).get(0);
  }

  /**
   * The trend reports of several periods (the months of a year, say), read from ClickHouse in one
   * pass over the days they and their baselines span.
   */
  public List<TrendReport> of(Line line, Region region, List<TrendPeriod> periods)
      throws IOException {
    LocalDate earliestCandidate = periods.get(0).from();
    LocalDate latestStart = periods.get(0).from();
    for (TrendPeriod p : periods) {
      earliestCandidate =
          min(earliestCandidate, min(p.from().minusYears(1), Baseline.precedingWeeksStart(p)));
      latestStart = p.from().isAfter(latestStart) ? p.from() : latestStart;
    }
    Set<LocalDate> withData =
        daysWithData(line, region, earliestCandidate, latestStart.minusDays(1));
    List<Baseline> baselines = new ArrayList<>();
    LocalDate first = periods.get(0).from();
    LocalDate last = periods.get(0).to();
    for (TrendPeriod p : periods) {
      Baseline b = Baseline.choose(p, withData);
      baselines.add(b);
      first = min(first, b.kind() == Baseline.Kind.NONE ? p.from() : min(b.from(), p.from()));
      last = p.to().isAfter(last) ? p.to() : last;
    }
    Loaded all = load(line, region, first, last);
    Set<String> seenEarlier = seenBefore(line, region, first);
    List<TrendReport> out = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      out.add(report(line, region, periods.get(i), baselines.get(i), all, first, seenEarlier));
    }
    return out;
  }

  private TrendReport report(
      Line line,
      Region region,
      TrendPeriod period,
      Baseline baseline,
      Loaded all,
      LocalDate loadedFrom,
      Set<String> seenEarlier) {
    TopicCounts now = all.counts.between(period.from(), period.to());
    TopicCounts before =
        baseline.kind() == Baseline.Kind.NONE
            ? new TopicCounts()
            : all.counts.between(baseline.from(), baseline.to());
    Set<String> seen = new HashSet<>(seenEarlier);
    seen.addAll(all.counts.between(loadedFrom, period.from().minusDays(1)).topics());
    Set<String> seenCategories = new HashSet<>();
    seen.forEach(code -> seenCategories.add(Topics.categoryOf(code)));
    long unclassified =
        all.unclassified.entrySet().stream()
            .filter(e -> period.contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    TopicCounts nowCategories = now.categories();
    return new TrendReport(
        line,
        region,
        period,
        baseline,
        now.total(),
        unclassified,
        nowCategories,
        method.analyse(nowCategories, before.categories(), seenCategories),
        method.analyse(subcategoriesOnly(now), subcategoriesOnly(before), seen));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
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

  /** Classified calls per topic and day, and unclassified calls per day. */
  private record Loaded(TopicCounts counts, Map<LocalDate, Long> unclassified) {}

  private Loaded load(Line line, Region region, LocalDate from, LocalDate to) throws IOException {
    List<List<String>> rows =
        clickHouse.query(
            "SELECT toString(day), topic, sum(calls) FROM "
                + table(region)
                + " FINAL WHERE "
                + where(line, region, from, to)
                + " GROUP BY day, topic");
    TopicCounts counts = new TopicCounts();
    Map<LocalDate, Long> unclassified = new HashMap<>();
    for (List<String> row : rows) {
      LocalDate day = LocalDate.parse(row.get(0));
      String topic = row.get(1);
      long calls = Long.parseLong(row.get(2));
      if (topics.isKnown(topic)) {
        counts.add(day, topic, calls);
      } else {
        unclassified.merge(day, calls, Long::sum);
      }
    }
    return new Loaded(counts, unclassified);
  }

  /** Days with any call in the region between two days: what baselines can be chosen from. */
  private Set<LocalDate> daysWithData(Line line, Region region, LocalDate from, LocalDate to)
      throws IOException {
    Set<LocalDate> days = new TreeSet<>();
    if (to.isBefore(from)) {
      return days;
    }
    // No FINAL: only whether a day has rows matters, and replaced rows have the same days.
    for (List<String> row :
        clickHouse.query(
            "SELECT toString(day) FROM "
                + table(region)
                + " WHERE "
                + where(line, region, from, to)
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
            "SELECT DISTINCT topic FROM "
                + table(region)
                + " WHERE "
                + where(line, region, LocalDate.of(2000, 1, 1), day.minusDays(1))
                + " AND calls > 0")) {
      if (topics.isKnown(row.get(0))) {
        seen.add(row.get(0));
      }
    }
    return seen;
  }

  /**
   * The table holding the region's topic counts: the one summed per province and for the nation (a
   * national month is some 4 thousand rows there instead of 1.2 million per centre, and reading
   * with FINAL is single-threaded), the per-centre one for a city.
   */
  private static String table(Region region) {
    return region.level() == RegionLevel.CITY ? "topics_daily" : "topics_region_daily";
  }

  /** The rows of the line and region between two days, in the region's {@link #table}. */
  static String where(Line line, Region region, LocalDate from, LocalDate to) {
    if (region.level() == RegionLevel.CITY) {
      return RegionFilter.where(line, region, "day", from, to);
    }
    return "day BETWEEN '"
        + from
        + "' AND '"
        + to
        + "' AND line = '"
        + line.number()
        + "' AND region = '"
        + region.code()
        + "'";
  }
}
