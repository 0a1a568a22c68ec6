package io.hotline.schemas.trends;

import io.hotline.schemas.reference.HolidayCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.special.Beta;

/**
 * The rising-topic method: which topics have more calls in a period than their baseline predicts,
 * beyond what chance explains when some 170 topics are tested at once.
 *
 * <p>In plain words, for every topic:
 *
 * <ol>
 *   <li><b>Expected calls.</b> The topic's share of classified calls in the baseline is taken
 *       separately for working days and for rest days (weekends and statutory holidays, with 调休
 *       working weekends counted as working days), because callers ask different things on them.
 *       The period's calls on each kind of day times the baseline share of that kind gives the
 *       calls expected if nothing changed. Using shares means a busier month lifts every topic
 *       alike and flags none.
 *   <li><b>Test.</b> If the topic's rate is unchanged, each of its calls in "period + baseline"
 *       falls in the period with probability expected / (expected + baseline calls). The
 *       probability of seeing at least the period's calls under that binomial law is the p-value —
 *       an exact test that also accounts for a small, noisy baseline.
 *   <li><b>Many topics.</b> The p-values of all topics of one level are adjusted with
 *       Benjamini–Hochberg, so that of the topics flagged, at most 5% are expected to be chance.
 *   <li><b>Worth reading.</b> A flagged topic also needs a minimum count and lift (by default 20
 *       calls and 1.5× expected).
 *   <li><b>Spike or rise.</b> A flagged topic whose period without its biggest day would not be
 *       flagged is a one-day spike, otherwise a rise. Topics not flagged over the period are
 *       checked day by day: each topic's most extreme day, its p-value multiplied by the number of
 *       days, goes into a second Benjamini–Hochberg family; a significant day with at least 10
 *       calls and twice the day's expected count is a spike.
 *   <li><b>New.</b> A topic with no call in the region before the period is new, not rising.
 * </ol>
 */
public final class RisingTopics {
  /** How clearly a day next to the peak must stand out to belong to the same episode. */
  static final double NEIGHBOUR_P = 0.01;

  private final HolidayCalendar calendar;
  private final TrendSettings settings;

  public RisingTopics(HolidayCalendar calendar, TrendSettings settings) {
    this.calendar = calendar;
    this.settings = settings;
  }

  /**
   * Every topic of the period (and every baseline topic) with its conclusion, flagged ones first.
   *
   * @param period the calls of the period, at one level of the code table
   * @param baseline the calls of the baseline period, at the same level
   * @param seenBefore topic codes with calls in the region at any time before the period
   */
  public List<TopicTrend> analyse(
      TopicCounts period, TopicCounts baseline, Set<String> seenBefore) {
    Strata base = Strata.of(baseline, calendar);
    List<Candidate> candidates = new ArrayList<>();
    java.util.TreeSet<String> topics = new java.util.TreeSet<>(period.topics());
    topics.addAll(baseline.topics());
    for (String topic : topics) {
      candidates.add(candidate(topic, period, baseline, base));
    }
    adjust(candidates.stream().map(c -> c.whole).filter(t -> t != null).toList());
    // Spikes are looked for among the topics that did not rise over the period: a rising topic's
    // days are no news, and left in the family they would loosen the bar for everyone else's.
    adjust(
        candidates.stream()
            // A period without calls (a month before the data starts) has no day to test.
            .filter(c -> c.whole != null && !c.days.isEmpty() && !flaggedWhole(c))
            .map(RisingTopics::spikeTest)
            .toList());
    List<TopicTrend> out = new ArrayList<>();
    for (Candidate c : candidates) {
      out.add(conclude(c, period, baseline.total(), seenBefore));
    }
    out.sort(
        Comparator.comparing((TopicTrend t) -> t.status().ordinal())
            .thenComparingDouble(TopicTrend::qValue)
            .thenComparing(Comparator.comparingLong(TopicTrend::calls).reversed())
            .thenComparing(TopicTrend::code));
    return out;
  }

  /** A test of "at least k calls where e were expected, given b in the baseline". */
  static final class Test {
    final long k;
    final double expected;
    final double p;
    double q = 1;

    Test(long k, double expected, double baselineCalls) {
      this(upperTail(k, expected, baselineCalls), k, expected);
    }

    private Test(double p, long k, double expected) {
      this.k = k;
      this.expected = expected;
      this.p = p;
    }

    /** A test known only by its p-value, for checking the adjustment. */
    static Test ofP(double p) {
      return new Test(p, 0, 0);
    }
  }

  private static final class Candidate {
    String topic;
    long baselineCalls;
    double effectiveBaseline;
    Test whole;
    Test spike;
    int spikeDay = -1;
    List<Test> days = new ArrayList<>();
    List<LocalDate> dayDates = new ArrayList<>();
  }

  private Candidate candidate(String topic, TopicCounts period, TopicCounts baseline, Strata base) {
    Candidate c = new Candidate();
    c.topic = topic;
    c.baselineCalls = baseline.count(topic);
    if (c.baselineCalls == 0) {
      return c; // nothing to compare with: new, or back after an absence
    }
    Stratum work = base.of(topic, true);
    Stratum rest = base.of(topic, false);
    double workScale = 0;
    double restScale = 0;
    for (LocalDate day : period.days()) {
      boolean working = calendar.isWorkingDay(day);
      Stratum s = working ? work : rest;
      double scale = (double) period.total(day) / s.allCalls;
      if (working) {
        workScale += scale;
      } else {
        restScale += scale;
      }
      c.days.add(new Test(period.count(topic, day), scale * s.topicCalls, s.topicCalls));
      c.dayDates.add(day);
    }
    double expected = workScale * work.topicCalls + restScale * rest.topicCalls;
    // The prediction is only as good as the baseline calls it rests on. When the period is mostly
    // rest days, that is the baseline's few rest-day calls, not all of them: the effective baseline
    // count is the one whose Poisson noise gives the prediction the same relative variance.
    double variance =
        workScale * workScale * work.topicCalls + restScale * restScale * rest.topicCalls;
    double effective = variance > 0 ? expected * expected / variance : c.baselineCalls;
    c.whole = new Test(period.count(topic), expected, effective);
    c.effectiveBaseline = effective;
    return c;
  }

  private TopicTrend conclude(
      Candidate c, TopicCounts period, long baselineTotal, Set<String> seenBefore) {
    long calls = period.count(c.topic);
    double share = period.total() > 0 ? (double) calls / period.total() : 0;
    if (c.whole == null) {
      // Without a baseline there is no "before" to be new against: the first month of data would
      // call every topic new.
      boolean isNew =
          baselineTotal > 0 && !seenBefore.contains(c.topic) && calls >= settings.minNewCount();
      TopicTrend.Status status = isNew ? TopicTrend.Status.NEW : TopicTrend.Status.STEADY;
      return new TopicTrend(c.topic, calls, share, 0, 0, 1, 1, status, null);
    }
    TopicTrend.Status status = TopicTrend.Status.STEADY;
    int peak = -1;
    if (flaggedWhole(c)) {
      // Rising over the period, unless all of it is one strong day.
      peak = biggestDay(c);
      boolean oneDay =
          episode(c, peak)[0] == episode(c, peak)[1]
              && onlyOneDay(c, peak)
              && strongDay(c.days.get(peak));
      status = oneDay ? TopicTrend.Status.SPIKE : TopicTrend.Status.RISING;
    } else if (c.spike != null
        && c.spike.q <= settings.falseDiscoveryRate()
        && strongDay(c.days.get(c.spikeDay))) {
      // Not enough for the whole period, but a day stands out: alone it is a spike; with
      // neighbours standing out too it is a rise of a few days (a week-long episode in a month).
      peak = c.spikeDay;
      int[] ep = episode(c, peak);
      status = ep[0] == ep[1] ? TopicTrend.Status.SPIKE : TopicTrend.Status.RISING;
    }
    return new TopicTrend(
        c.topic,
        calls,
        share,
        c.baselineCalls,
        c.whole.expected,
        c.whole.p,
        c.whole.q,
        status,
        peak < 0 ? null : episodeOf(c, peak, status));
  }

  /**
   * The days around the peak that stand out too — each at least {@code minLift} times its expected
   * count with a one-sided p ≤ 1% (unadjusted: the peak already passed the adjusted test, this only
   * finds where the episode begins and ends; 1% keeps one noisy neighbour from turning a spike into
   * a two-day "rise").
   */
  private int[] episode(Candidate c, int peak) {
    int lo = peak;
    int hi = peak;
    while (lo > 0 && adjacent(c, lo - 1, lo) && elevated(c, lo - 1)) {
      lo--;
    }
    while (hi < c.days.size() - 1 && adjacent(c, hi, hi + 1) && elevated(c, hi + 1)) {
      hi++;
    }
    return new int[] {lo, hi};
  }

  /** Whether two days of the period are calendar neighbours (a day without calls breaks a run). */
  private static boolean adjacent(Candidate c, int earlier, int later) {
    return c.dayDates.get(later).toEpochDay() - c.dayDates.get(earlier).toEpochDay() == 1;
  }

  private boolean elevated(Candidate c, int i) {
    Test t = c.days.get(i);
    return t.expected > 0 && t.k >= t.expected * settings.minLift() && t.p <= NEIGHBOUR_P;
  }

  private static TopicTrend.Episode episodeOf(Candidate c, int peak, int[] ep) {
    long calls = 0;
    double expected = 0;
    for (int i = ep[0]; i <= ep[1]; i++) {
      calls += c.days.get(i).k;
      expected += c.days.get(i).expected;
    }
    Test day = c.days.get(peak);
    return new TopicTrend.Episode(
        c.dayDates.get(ep[0]),
        c.dayDates.get(ep[1]),
        calls,
        expected,
        c.dayDates.get(peak),
        day.k,
        day.expected);
  }

  /**
   * The days that stood out; for a rise spread over the period with no run of standing-out days,
   * the whole period — showing its biggest day alone would make a steady rise look like a blip.
   */
  private TopicTrend.Episode episodeOf(Candidate c, int peak, TopicTrend.Status status) {
    int[] ep = episode(c, peak);
    if (status == TopicTrend.Status.RISING && ep[0] == ep[1]) {
      ep = new int[] {0, c.days.size() - 1};
    }
    return episodeOf(c, peak, ep);
  }

  private boolean flaggedWhole(Candidate c) {
    return flagged(c.whole, settings.minCount(), settings.minLift());
  }

  private boolean strongDay(Test day) {
    return day.k >= settings.minDayCount()
        && day.expected > 0
        && day.k / day.expected >= settings.minDayLift();
  }

  /** The day with the most calls above expected. */
  private static int biggestDay(Candidate c) {
    int best = 0;
    for (int i = 1; i < c.days.size(); i++) {
      if (excess(c.days.get(i)) > excess(c.days.get(best))) {
        best = i;
      }
    }
    return best;
  }

  private static double excess(Test t) {
    return t.k - t.expected;
  }

  /**
   * The topic's most extreme day as one test: its p-value times the number of days (Bonferroni
   * within the topic), so that a topic counts once in the Benjamini–Hochberg family however many
   * days it has, and a month of days gives no more chances to a fluke than a week does.
   */
  private static Test spikeTest(Candidate c) {
    int best = 0;
    for (int i = 1; i < c.days.size(); i++) {
      Test t = c.days.get(i);
      Test b = c.days.get(best);
      if (t.p < b.p || (t.p == b.p && excess(t) > excess(b))) {
        best = i;
      }
    }
    Test day = c.days.get(best);
    c.spikeDay = best;
    c.spike = new Test(Math.min(1, day.p * c.days.size()), day.k, day.expected);
    return c.spike;
  }

  /** Whether the period without its peak day would no longer count as rising. */
  private boolean onlyOneDay(Candidate c, int peak) {
    Test day = c.days.get(peak);
    long rest = c.whole.k - day.k;
    double restExpected = c.whole.expected - day.expected;
    Test without = new Test(rest, restExpected, c.effectiveBaseline);
    // Unadjusted on purpose: the question is whether anything is left, and being lenient here
    // keeps a genuine multi-day rise from being called a spike.
    return !(without.p <= settings.falseDiscoveryRate()
        && rest >= settings.minCount()
        && restExpected > 0
        && rest / restExpected >= settings.minLift());
  }

  private boolean flagged(Test t, long minCount, double minLift) {
    return t.q <= settings.falseDiscoveryRate()
        && t.k >= minCount
        && t.expected > 0
        && t.k / t.expected >= minLift;
  }

  /**
   * P(X ≥ k) for X ~ Binomial(k + b, e / (e + b)): the conditional test for two Poisson counts, the
   * period's {@code k} against the baseline's {@code b}, with e the baseline's prediction.
   */
  static double upperTail(long k, double expected, double baselineCalls) {
    if (k == 0) {
      return 1;
    }
    if (expected <= 0) {
      return 0; // calls where none could be expected
    }
    double p = expected / (expected + baselineCalls);
    // P(X >= k) = I_p(k, n - k + 1) with n = k + b: the regularized incomplete beta keeps tiny
    // tails
    // exact, where 1 - cdf would round to 0, and takes a fractional effective b.
    return Beta.regularizedBeta(p, k, baselineCalls + 1, 1e-15, 10_000);
  }

  /** Benjamini–Hochberg step-up: q(i) = min over j ≥ i of p(j) · m / j, p sorted ascending. */
  static void adjust(List<Test> tests) {
    List<Test> sorted = new ArrayList<>(tests);
    sorted.sort(Comparator.comparingDouble(t -> t.p));
    int m = sorted.size();
    double running = 1;
    for (int i = m - 1; i >= 0; i--) {
      Test t = sorted.get(i);
      running = Math.min(running, t.p * m / (i + 1));
      t.q = running;
    }
  }

  /** A topic's baseline calls on one kind of day, and all classified calls of that kind. */
  private record Stratum(long topicCalls, long allCalls) {}

  /** The baseline split into working days and rest days. */
  private record Strata(TopicCounts baseline, long work, long rest, HolidayCalendar calendar) {
    static Strata of(TopicCounts baseline, HolidayCalendar calendar) {
      long work = 0;
      long rest = 0;
      for (LocalDate day : baseline.days()) {
        if (calendar.isWorkingDay(day)) {
          work += baseline.total(day);
        } else {
          rest += baseline.total(day);
        }
      }
      return new Strata(baseline, work, rest, calendar);
    }

    /**
     * The topic's calls on this kind of day; the whole baseline when it has no day of the kind (a
     * baseline of working days only, then a holiday).
     */
    Stratum of(String topic, boolean workingDay) {
      long all = workingDay ? work : rest;
      if (all == 0) {
        return new Stratum(baseline.count(topic), work + rest);
      }
      long calls = 0;
      for (var e : baseline.daily(topic).entrySet()) {
        if (calendar.isWorkingDay(e.getKey()) == workingDay) {
          calls += e.getValue();
        }
      }
      return new Stratum(calls, all);
    }
  }
}
