package io.hotline.schemas.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.clickhouse.TsvRow;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.HolidayCalendar;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link TopicTrends} reads the daily topic tables for the right region and line, baseline and
 * level. The tests write {@code topics_daily} and sum it per province and nation as the roll-up
 * does.
 */
@ExtendWith(ClickHouseExtension.class)
class TopicTrendsIT {
  private static final Regions REGIONS = Regions.standard();
  private static final LocalDate MARCH_1 = LocalDate.of(2025, 3, 1);
  private static final LocalDate MARCH_31 = LocalDate.of(2025, 3, 31);

  @Test
  void aPlantedRiseInOneCityIsFoundThereAndInItsProvinceButNotElsewhere(ClickHouseConfig config)
      throws Exception {
    ClickHouseHttp http = new ClickHouseHttp(config);
    String rising = SyntheticTopics.rank(15);
    SyntheticTopics.Plant plant =
        (t, day) ->
            t.equals(rising)
                    && day.getMonthValue() == 3
                    && day.getDayOfMonth() >= 10
                    && day.getDayOfMonth() < 20
                ? 3
                : 1;
    // Nanjing gets the rise; Suzhou and Beijing are quiet. January and February are the baseline
    // (no 2024 data), and 12370 has the same rise, which 12333's answer must not see.
    insert(http, "320100", Line.L12333, SyntheticTopics.generate(jan1(), MARCH_31, 1, plant));
    insert(
        http,
        "320500",
        Line.L12333,
        SyntheticTopics.generate(jan1(), MARCH_31, 2, SyntheticTopics.NOTHING));
    insert(
        http,
        "110100",
        Line.L12333,
        SyntheticTopics.generate(jan1(), MARCH_31, 3, SyntheticTopics.NOTHING));
    insert(http, "110100", Line.L12370, SyntheticTopics.generate(jan1(), MARCH_31, 4, plant));
    insertUnclassified(http, "320100", MARCH_1, 77);
    sumByRegion(http, jan1(), MARCH_31);

    TopicTrends trends = new TopicTrends(http, TrendSettings.DEFAULT);
    TrendPeriod march = TrendPeriod.parse("2025-03");

    TrendReport nanjing = trends.of(Line.L12333, region("320100"), march);
    assertEquals(Baseline.Kind.PRECEDING_WEEKS, nanjing.baseline().kind());
    assertEquals(LocalDate.of(2025, 1, 4), nanjing.baseline().from());
    List<String> flagged = codes(nanjing.flagged());

    assertTrue(flagged.contains(rising), flagged.toString());
    assertTrue(Set.of(rising, Topics.categoryOf(rising)).containsAll(flagged), flagged.toString());
    assertEquals(77, nanjing.unclassified());

    // The same numbers as the method on the same counts: the loader adds nothing of its own.
    TopicCounts all = SyntheticTopics.generate(jan1(), MARCH_31, 1, plant);
    List<TopicTrend> direct =
        new RisingTopics(HolidayCalendar.standard(), TrendSettings.DEFAULT)
            .analyse(
                all.between(MARCH_1, MARCH_31),
                all.between(LocalDate.of(2025, 1, 4), LocalDate.of(2025, 2, 28)),
                Set.copyOf(SyntheticTopics.CODES));
    assertEquals(direct, nanjing.subcategories());
    assertEquals(all.between(MARCH_1, MARCH_31).total(), nanjing.classified());

    TrendReport jiangsu = trends.of(Line.L12333, region("320000"), march);
    // In the province, Suzhou's quiet half dilutes the rise to about 1.3×: significant, but under
    // the 1.5× an analyst is shown.
    TopicTrend diluted =
        jiangsu.subcategories().stream().filter(t -> t.code().equals(rising)).findFirst().get();
    assertTrue(diluted.lift() > 1.2 && diluted.lift() < 1.5, "lift " + diluted.lift());
    assertTrue(diluted.qValue() < 1e-6, "q " + diluted.qValue());
    assertEquals(List.of(), jiangsu.flagged());
    // The province and the nation read the per-region table: the same calls as their centres.
    TrendReport suzhou = trends.of(Line.L12333, region("320500"), march);
    TrendReport beijing = trends.of(Line.L12333, region("110100"), march);
    assertEquals(nanjing.classified() + suzhou.classified(), jiangsu.classified());
    assertEquals(77, jiangsu.unclassified());
    assertEquals(
        jiangsu.classified() + beijing.classified(),
        trends.of(Line.L12333, region(Regions.NATION), march).classified());
    assertEquals(List.of(), trends.of(Line.L12333, region("110000"), march).flagged());
    assertEquals(List.of(), trends.of(Line.L12333, region("320500"), march).flagged());

    // Several periods in one pass give what each gives alone.
    List<TrendReport> months =
        trends.of(
            Line.L12333,
            region("320100"),
            List.of(TrendPeriod.parse("2025-02"), march, TrendPeriod.parse("2025-03-15")));
    assertEquals(nanjing, months.get(1));
    assertEquals(
        trends.of(Line.L12333, region("320100"), TrendPeriod.parse("2025-02")), months.get(0));
    assertEquals(
        trends.of(Line.L12333, region("320100"), TrendPeriod.parse("2025-03-15")), months.get(2));

    // The shares of one level add up to one.
    double shares = nanjing.subcategories().stream().mapToDouble(TopicTrend::share).sum();
    assertEquals(1.0, shares, 1e-9);
  }

  @Test
  void aTopicNeverSeenInTheRegionIsNew(ClickHouseConfig config) throws Exception {
    ClickHouseHttp http = new ClickHouseHttp(config);
    TopicCounts counts = new TopicCounts();
    for (LocalDate d = LocalDate.of(2025, 2, 1); d.isBefore(MARCH_1); d = d.plusDays(1)) {
      counts.add(d, "0101", 100).add(d, "1406", 50);
    }
    counts.add(LocalDate.of(2025, 3, 3), "0101", 100).add(LocalDate.of(2025, 3, 3), "2505", 40);
    insert(http, "330100", Line.L12333, counts);
    sumByRegion(http, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 3));

    TrendReport hangzhou =
        new TopicTrends(http, TrendSettings.DEFAULT)
            .of(Line.L12333, region("330100"), TrendPeriod.parse("2025-03-03"));
    TopicTrend card =
        hangzhou.subcategories().stream().filter(t -> t.code().equals("2505")).findFirst().get();
    assertEquals(TopicTrend.Status.NEW, card.status());
    assertEquals(40, card.calls());
    TrendReport zhejiang =
        new TopicTrends(http, TrendSettings.DEFAULT)
            .of(Line.L12333, region("330000"), TrendPeriod.parse("2025-03-03"));
    assertEquals(hangzhou.subcategories(), zhejiang.subcategories());
  }

  /** What the roll-up does after rebuilding {@code topics_daily}, for the months of the days. */
  private static void sumByRegion(ClickHouseHttp http, LocalDate from, LocalDate to)
      throws Exception {
    DailyRollup rollup = new DailyRollup(http);
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      rollup.sumTopicsByRegion(m, 2);
    }
  }

  private static LocalDate jan1() {
    return LocalDate.of(2024, 12, 28);
  }

  private static Region region(String code) {
    return REGIONS.find(code).orElseThrow();
  }

  private static List<String> codes(List<TopicTrend> trends) {
    return trends.stream().map(TopicTrend::code).toList();
  }

  private static void insert(ClickHouseHttp http, String center, Line line, TopicCounts counts)
      throws Exception {
    StringBuilder tsv = new StringBuilder();
    for (String topic : counts.topics()) {
      counts
          .daily(topic)
          .forEach(
              (day, n) -> {
                TsvRow row = new TsvRow(tsv);
                row.date(day).text(line.number()).text(center).text(Regions.provinceOf(center));
                row.text(topic).text(Topics.categoryOf(topic)).number(n).number(n).number(1);
                row.end();
              });
    }
    http.insert("topics_daily", COLUMNS, tsv.toString());
  }

  private static void insertUnclassified(ClickHouseHttp http, String center, LocalDate day, long n)
      throws Exception {
    StringBuilder tsv = new StringBuilder();
    new TsvRow(tsv)
        .date(day)
        .text("12333")
        .text(center)
        .text(Regions.provinceOf(center))
        .text("")
        .text("")
        .number(n)
        .number(n)
        .number(1)
        .end();
    http.insert("topics_daily", COLUMNS, tsv.toString());
  }

  private static final List<String> COLUMNS =
      List.of(
          "day",
          "line",
          "center",
          "province",
          "topic",
          "topic_category",
          "calls",
          "answered",
          "version");
}
