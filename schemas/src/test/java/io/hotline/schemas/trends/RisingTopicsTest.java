package io.hotline.schemas.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hotline.schemas.reference.HolidayCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** The rising-topic method on synthetic series whose answers are known. */
class RisingTopicsTest {
  private static final RisingTopics METHOD =
      new RisingTopics(HolidayCalendar.standard(), TrendSettings.DEFAULT);
  private static final Set<String> ALL_SEEN = new HashSet<>(SyntheticTopics.CODES);

  // April 2025: 清明 4–6 April off, Sunday 27 April an adjusted working day; 劳动节 from 1 May.
  private static final LocalDate APRIL_1 = LocalDate.of(2025, 4, 1);
  private static final LocalDate APRIL_30 = LocalDate.of(2025, 4, 30);

  private static Map<String, TopicTrend> analyse(
      LocalDate from, LocalDate to, long seed, SyntheticTopics.Plant plant) {
    TrendPeriod period = TrendPeriod.of(from, to);
    TopicCounts all =
        SyntheticTopics.generate(Baseline.precedingWeeksStart(period), to, seed, plant);
    TopicCounts now = all.between(from, to);
    TopicCounts before = all.between(Baseline.precedingWeeksStart(period), from.minusDays(1));
    return byCode(METHOD.analyse(now, before, ALL_SEEN));
  }

  private static Map<String, TopicTrend> byCode(List<TopicTrend> trends) {
    return trends.stream().collect(Collectors.toMap(TopicTrend::code, Function.identity()));
  }

  private static List<String> flagged(Map<String, TopicTrend> trends) {
    return trends.values().stream().filter(TopicTrend::flagged).map(TopicTrend::code).toList();
  }

  @Test
  void quietMonthsFlagNothingAcrossManySeeds() {
    List<String> falseAlarms = new ArrayList<>();
    for (long seed = 1; seed <= 12; seed++) {
      flagged(analyse(APRIL_1, APRIL_30, seed, SyntheticTopics.NOTHING)).stream()
          .map(code -> "seed " + code)
          .forEach(falseAlarms::add);
    }
    assertEquals(List.of(), falseAlarms);
  }

  @Test
  void quietDaysFlagNothingEither() {
    // Single days test ~145 topics each with a small count: the multiple-testing case.
    List<String> falseAlarms = new ArrayList<>();
    for (long seed = 1; seed <= 10; seed++) {
      LocalDate day = LocalDate.of(2025, 3, 3).plusDays(seed);
      flagged(analyse(day, day, seed, SyntheticTopics.NOTHING)).forEach(falseAlarms::add);
    }
    assertEquals(List.of(), falseAlarms);
  }

  @Test
  void aPlantedTenDayRiseIsFoundAndNothingElse() {
    String topic = SyntheticTopics.rank(30);
    LocalDate riseFrom = LocalDate.of(2025, 4, 10);
    LocalDate riseTo = LocalDate.of(2025, 4, 19);
    Map<String, TopicTrend> trends =
        analyse(
            APRIL_1,
            APRIL_30,
            7,
            (t, day) -> t.equals(topic) && !day.isBefore(riseFrom) && !day.isAfter(riseTo) ? 3 : 1);

    TopicTrend found = trends.get(topic);
    assertEquals(TopicTrend.Status.RISING, found.status());
    assertTrue(found.qValue() < 1e-6, "q " + found.qValue());
    assertTrue(found.lift() > 1.5 && found.lift() < 2.0, "lift " + found.lift());
    assertEquals(riseFrom, found.episode().from());
    assertEquals(riseTo, found.episode().to());
    assertTrue(found.episode().calls() > 2.5 * found.episode().expected());
    assertEquals(List.of(topic), flagged(trends));
  }

  @Test
  void aWeekLongEpisodeInAMonthIsARiseWithItsDays() {
    // Too short to lift the month to 1.5×, but seven days in a row at 3×: a rise, not a spike.
    String topic = SyntheticTopics.rank(40);
    LocalDate from = LocalDate.of(2025, 4, 14);
    LocalDate to = LocalDate.of(2025, 4, 20);
    Map<String, TopicTrend> trends =
        analyse(
            APRIL_1,
            APRIL_30,
            13,
            (t, day) -> t.equals(topic) && !day.isBefore(from) && !day.isAfter(to) ? 3 : 1);
    TopicTrend found = trends.get(topic);
    assertTrue(found.lift() < TrendSettings.DEFAULT.minLift(), "lift " + found.lift());
    assertEquals(TopicTrend.Status.RISING, found.status());
    assertEquals(from, found.episode().from());
    assertEquals(to, found.episode().to());
    assertEquals(List.of(topic), flagged(trends));
  }

  @Test
  void aOneDaySpikeIsASpikeOnThatDayNotARise() {
    String topic = SyntheticTopics.rank(12);
    LocalDate spikeDay = LocalDate.of(2025, 4, 16);
    Map<String, TopicTrend> trends =
        analyse(APRIL_1, APRIL_30, 11, (t, day) -> t.equals(topic) && day.equals(spikeDay) ? 6 : 1);

    TopicTrend found = trends.get(topic);
    assertEquals(TopicTrend.Status.SPIKE, found.status());
    assertEquals(spikeDay, found.episode().peakDay());
    assertEquals(1, found.episode().days());
    assertTrue(found.episode().peakCalls() > 4 * found.episode().peakExpected());
    assertEquals(List.of(topic), flagged(trends));
  }

  @Test
  void restDayTopicsDoNotRiseInAHolidayWeek() {
    // 国庆 1–8 October 2025: eight rest days against eight weeks of mostly working days. Topics
    // that rest-day callers ask about triple their share; the method must see that coming.
    LocalDate from = LocalDate.of(2025, 10, 1);
    LocalDate to = LocalDate.of(2025, 10, 8);
    List<String> rises = new ArrayList<>();
    for (long seed = 1; seed <= 6; seed++) {
      for (TopicTrend t : analyse(from, to, seed, SyntheticTopics.NOTHING).values()) {
        int rank = SyntheticTopics.CODES.indexOf(t.code());
        // Across ~1,200 topic-days a rare one-day fluke may pass as a spike (that is what a 5%
        // false discovery rate allows); a rise, or any flag on a rest-day topic, is the trap.
        if (t.status() == TopicTrend.Status.RISING
            || (t.flagged() && SyntheticTopics.restDayTopic(rank))) {
          rises.add("seed " + seed + ": " + t);
        }
      }
    }
    assertEquals(List.of(), rises);

    // The scenario is a real trap: against the pooled baseline share, a rest-day topic looks up
    // more than the 1.5× that would flag it.
    TrendPeriod period = TrendPeriod.of(from, to);
    TopicCounts all =
        SyntheticTopics.generate(
            Baseline.precedingWeeksStart(period), to, 3, SyntheticTopics.NOTHING);
    TopicCounts now = all.between(from, to);
    TopicCounts before = all.between(Baseline.precedingWeeksStart(period), from.minusDays(1));
    String topic = SyntheticTopics.rank(5);
    assertTrue(SyntheticTopics.restDayTopic(5));
    double naiveLift =
        ((double) now.count(topic) / now.total()) / ((double) before.count(topic) / before.total());
    assertTrue(naiveLift > TrendSettings.DEFAULT.minLift(), "naive lift " + naiveLift);
  }

  @Test
  void yearlySeasonalityIsNotFlaggedAgainstLastYear() {
    // A topic three times as busy every March (e.g. the annual pension review).
    String seasonal = SyntheticTopics.rank(20);
    SyntheticTopics.Plant march =
        (t, day) -> t.equals(seasonal) && day.getMonthValue() == 3 ? 3 : 1;
    TopicCounts twoYears =
        SyntheticTopics.generate(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 3, 31), 5, march);
    TopicCounts now = twoYears.between(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
    TopicCounts lastMarch = twoYears.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
    TopicCounts winter = twoYears.between(LocalDate.of(2025, 1, 4), LocalDate.of(2025, 2, 28));

    assertEquals(List.of(), flagged(byCode(METHOD.analyse(now, lastMarch, ALL_SEEN))));
    // Against the weeks just before, the same March would be a "rise": why months compare with
    // last year when they can.
    assertEquals(
        TopicTrend.Status.RISING,
        byCode(METHOD.analyse(now, winter, ALL_SEEN)).get(seasonal).status());
  }

  @Test
  void aTopicNeverSeenBeforeIsNew() {
    String topic = SyntheticTopics.rank(100);
    TopicCounts now = new TopicCounts().add(LocalDate.of(2025, 4, 2), "0101", 500);
    now.add(LocalDate.of(2025, 4, 2), topic, 30);
    TopicCounts before = new TopicCounts().add(LocalDate.of(2025, 3, 2), "0101", 500);

    Map<String, TopicTrend> trends = byCode(METHOD.analyse(now, before, Set.of("0101")));
    assertEquals(TopicTrend.Status.NEW, trends.get(topic).status());
    // Seen before in the region, just not in the baseline: not new, and not testable.
    trends = byCode(METHOD.analyse(now, before, Set.of("0101", topic)));
    assertEquals(TopicTrend.Status.STEADY, trends.get(topic).status());
    assertNull(trends.get(topic).episode());
    // The region's first data: nothing is new, there is no before.
    trends = byCode(METHOD.analyse(now, new TopicCounts(), Set.of()));
    assertEquals(List.of(), flagged(trends));
  }

  @Test
  void aPeriodWithoutCallsIsQuietNotAnError() {
    // The annual report asks for every month, including those before a region's data begins.
    TopicCounts before = new TopicCounts().add(LocalDate.of(2025, 3, 2), "0101", 500);
    Map<String, TopicTrend> trends =
        byCode(METHOD.analyse(new TopicCounts(), before, Set.of("0101")));
    assertEquals(TopicTrend.Status.STEADY, trends.get("0101").status());
    assertEquals(0, trends.get("0101").calls());
  }

  @Test
  void upperTailEqualsTheBinomialLaw() {
    for (long[] c : new long[][] {{5, 10}, {30, 12}, {200, 180}, {1, 1}}) {
      long k = c[0];
      long b = c[1];
      double expected = 17.5;
      BinomialDistribution law =
          new BinomialDistribution(null, (int) (k + b), expected / (expected + b));
      double upper = 1 - law.cumulativeProbability((int) k - 1);
      assertEquals(upper, RisingTopics.upperTail(k, expected, b), 1e-9, "k=" + k + " b=" + b);
    }
    assertEquals(1.0, RisingTopics.upperTail(0, 3, 4));
  }

  @Test
  void benjaminiHochbergMatchesAWorkedExample() {
    // p-values from Benjamini & Hochberg's paper style example, m = 5.
    double[] p = {0.01, 0.04, 0.03, 0.005, 0.5};
    RisingTopics.Test[] tests = new RisingTopics.Test[p.length];
    List<RisingTopics.Test> list = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      tests[i] = RisingTopics.Test.ofP(p[i]);
      list.add(tests[i]);
    }
    RisingTopics.adjust(list);
    // Sorted: .005 .01 .03 .04 .5 → ×5/rank: .025 .025 .05 .05 .5 (monotone from the top).
    assertEquals(0.025, tests[0].q, 1e-12);
    assertEquals(0.05, tests[1].q, 1e-12);
    assertEquals(0.05, tests[2].q, 1e-12);
    assertEquals(0.025, tests[3].q, 1e-12);
    assertEquals(0.5, tests[4].q, 1e-12);
  }
}
