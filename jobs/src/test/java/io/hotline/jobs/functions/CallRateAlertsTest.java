package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.abandoned;
import static io.hotline.jobs.testing.AlertCalls.answered;
import static io.hotline.jobs.testing.AlertCalls.china;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.AlertThresholds;
import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.jobs.records.CallTally;
import io.hotline.jobs.testing.CallAlertHarness;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The answer-rate, abandonment and topic rules, driven by the operator test harness. */
class CallRateAlertsTest {
  private static final String NANJING = "320100";
  private static final long MINUTE = 60_000L;

  /** Friday 2025-03-14, a working day; 09:00 is inside service hours. */
  private static final Instant NINE = china("2025-03-14T09:00");

  private static final Instant FRIDAY_NIGHT = china("2025-03-14T20:00");

  private final AlertThresholds thresholds = AlertThresholds.defaults();
  private CallAlertHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CallAlertHarness(new CallRateAlerts(thresholds));
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  /** One call per minute for {@code minutes} minutes from {@code from}, every third abandoned. */
  private void callsWithAnswerRate(Instant from, int minutes, int answeredOfThree)
      throws Exception {
    for (int m = 0; m < minutes; m++) {
      for (int k = 0; k < 3; k++) {
        Instant at = from.plusSeconds(60L * m + 10 * k);
        harness.call(k < answeredOfThree ? answered(NANJING, at, "1402") : abandoned(NANJING, at));
      }
    }
  }

  @Test
  void lowAnswerRateOpensOneAlertAndClearsWhenItRecovers() throws Exception {
    callsWithAnswerRate(NINE, 30, 1); // 33 % answered
    harness.watermark(NINE.plusSeconds(30 * 60));

    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.ANSWER_RATE_LOW)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.isOpen()).isTrue();
              assertThat(a.value()).isLessThan(0.5);
              assertThat(a.center()).isEqualTo(NANJING);
            });

    // Still low a few minutes later: no second alert.
    callsWithAnswerRate(NINE.plusSeconds(30 * 60), 5, 1);
    harness.watermark(NINE.plusSeconds(35 * 60));
    assertThat(harness.alerts()).filteredOn(a -> a.rule() == AlertRule.ANSWER_RATE_LOW).hasSize(1);

    // Every call answered for the next half hour: the alert clears, with the same id.
    callsWithAnswerRate(NINE.plusSeconds(35 * 60), 30, 3);
    harness.watermark(NINE.plusSeconds(65 * 60));
    List<Alert> rate =
        harness.alerts().stream().filter(a -> a.rule() == AlertRule.ANSWER_RATE_LOW).toList();
    assertThat(rate).hasSize(2);
    assertThat(rate.get(1).isOpen()).isFalse();
    assertThat(rate.get(1).alertId()).isEqualTo(rate.get(0).alertId());
    assertThat(rate.get(1).version()).isGreaterThan(rate.get(0).version());
  }

  @Test
  void lowAnswerRateOutsideServiceHoursDoesNotAlert() throws Exception {
    callsWithAnswerRate(FRIDAY_NIGHT, 30, 0);
    harness.watermark(FRIDAY_NIGHT.plusSeconds(40 * 60));

    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void fewCallsAreNotJudged() throws Exception {
    callsWithAnswerRate(NINE, 5, 0); // 15 offered, below the minimum of 20
    harness.watermark(NINE.plusSeconds(20 * 60));

    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void abandonmentSpikeAgainstTheUsualRateOpensAndClears() throws Exception {
    // The day before: 2 of 3 answered, a usual abandonment of a third.
    callsWithAnswerRate(NINE.minusSeconds(86_400), 30, 2);
    // Today a burst: nothing answered for ten minutes.
    callsWithAnswerRate(NINE, 10, 0);
    harness.watermark(NINE.plusSeconds(10 * 60));

    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.ABANDONMENT_SPIKE)
        .singleElement()
        .satisfies(a -> assertThat(a.threshold()).isCloseTo(2 / 3.0, within()));

    callsWithAnswerRate(NINE.plusSeconds(10 * 60), 15, 3);
    harness.watermark(NINE.plusSeconds(25 * 60));
    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.ABANDONMENT_SPIKE)
        .extracting(Alert::isOpen)
        .containsExactly(true, false);
  }

  @Test
  void usualAbandonmentIsNoSpike() throws Exception {
    callsWithAnswerRate(NINE.minusSeconds(86_400), 30, 2);
    callsWithAnswerRate(NINE, 30, 2);
    harness.watermark(NINE.plusSeconds(30 * 60));

    assertThat(harness.alerts()).filteredOn(a -> a.rule() == AlertRule.ABANDONMENT_SPIKE).isEmpty();
  }

  /**
   * The baseline is summed once a day per centre; a late call in one of its days must still count
   * from the next minute on, as it would if the baseline were summed at every minute.
   */
  @Test
  void aLateCallInABaselineDayChangesTheBaselineAtOnce() throws Exception {
    callsWithAnswerRate(NINE.minusSeconds(86_400), 30, 2); // usual abandonment: a third
    callsWithAnswerRate(NINE, 5, 3);
    harness.watermark(NINE.plusSeconds(5 * 60)); // today's baseline is summed
    // Late news of yesterday afternoon: three hours of abandoned calls. The usual abandonment is
    // now so high that no spike can reach twice it.
    callsWithAnswerRate(NINE.minusSeconds(86_400).plusSeconds(5 * 3600), 180, 0);
    callsWithAnswerRate(NINE.plusSeconds(5 * 60), 10, 0);
    harness.watermark(NINE.plusSeconds(15 * 60));

    assertThat(harness.alerts()).filteredOn(a -> a.rule() == AlertRule.ABANDONMENT_SPIKE).isEmpty();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.01);
  }

  /** A day of calls spread over topics: {@code perTopic} calls of each topic per hour. */
  private void usualTopics(Instant from, int hours) throws Exception {
    String[] topics = {"1402", "1406", "1101", "0305", "2505"};
    for (int h = 0; h < hours; h++) {
      for (int k = 0; k < 50; k++) {
        Instant at = from.plusSeconds(3600L * h + 72L * k);
        harness.call(answered(NANJING, at, topics[k % topics.length]));
      }
    }
  }

  @Test
  void topicSurgeOpensForThatTopicOnlyAndClearsWhenItPasses() throws Exception {
    usualTopics(NINE.minusSeconds(86_400), 8);
    usualTopics(NINE, 1);
    // The surge: 60 more calls about 1406 within the hour.
    for (int k = 0; k < 60; k++) {
      harness.call(answered(NANJING, NINE.plusSeconds(60L * k + 30), "1406"));
    }
    harness.watermark(NINE.plusSeconds(3600));

    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.TOPIC_SURGE)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.subject()).isEqualTo("1406");
              assertThat(a.alertId()).contains(":topic_surge:1406:");
              assertThat(a.detail()).contains("1406");
            });

    // The topic calms down; the lunch break (12:00-14:00) judges nothing, 14:01 clears it.
    usualTopics(NINE.plusSeconds(3600), 5);
    harness.watermark(NINE.plusSeconds(6 * 3600));
    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.TOPIC_SURGE)
        .extracting(Alert::isOpen)
        .containsExactly(true, false);
  }

  /** A topic without an open alert surges with the minimum calls in the window, not one fewer. */
  @Test
  void aNewTopicSurgesWithExactlyTheMinimumCalls() throws Exception {
    usualTopics(NINE.minusSeconds(86_400), 8);
    usualTopics(NINE, 1);
    int min = thresholds.topicMinCalls();
    for (int k = 0; k < min - 1; k++) { // a topic never seen in the baseline
      harness.call(answered(NANJING, NINE.plusSeconds(30L * k), "1201"));
    }
    harness.watermark(NINE.plusSeconds(30 * 60));
    assertThat(harness.alerts()).filteredOn(a -> a.rule() == AlertRule.TOPIC_SURGE).isEmpty();

    harness.call(answered(NANJING, NINE.plusSeconds(31 * 60), "1201"));
    harness.watermark(NINE.plusSeconds(40 * 60));
    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.TOPIC_SURGE)
        .singleElement()
        .satisfies(a -> assertThat(a.subject()).isEqualTo("1201"));
  }

  @Test
  void topicsAsUsualDoNotAlert() throws Exception {
    usualTopics(NINE.minusSeconds(86_400), 8);
    usualTopics(NINE, 8);
    harness.watermark(NINE.plusSeconds(8 * 3600));

    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void withoutBaselineNoTopicIsJudged() throws Exception {
    for (int k = 0; k < 60; k++) {
      harness.call(answered(NANJING, NINE.plusSeconds(60L * k), "1406"));
    }
    harness.watermark(NINE.plusSeconds(3600));

    assertThat(harness.alerts()).filteredOn(a -> a.rule() == AlertRule.TOPIC_SURGE).isEmpty();
  }

  @Test
  void stateAndTimersAreGoneAfterTheBaselineDays() throws Exception {
    callsWithAnswerRate(NINE, 30, 1);
    harness.watermark(NINE.plusSeconds(30 * 60));
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.watermark(NINE.plusSeconds(86_400L * (thresholds.baselineDays() + 2)));

    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.ANSWER_RATE_LOW)
        .extracting(Alert::isOpen)
        .containsExactly(true, false);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theEndOfABoundedInputStopsTheMinuteTimer() throws Exception {
    callsWithAnswerRate(NINE, 30, 3);
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.alerts()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  /**
   * The windows are slid on by a minute at each evaluation; a late call in a minute they already
   * hold must count from the next evaluation on, as it would if they were summed afresh.
   */
  @Test
  void aLateCallInAMinuteAlreadySummedCountsAtTheNextMinute() throws Exception {
    callsWithAnswerRate(NINE, 30, 3); // all answered
    harness.watermark(NINE.plusSeconds(33 * 60));
    assertThat(harness.alerts()).isEmpty();

    for (int k = 0; k < 200; k++) { // late news: a burst of abandoned calls at 09:20
      harness.call(abandoned(NANJING, NINE.plusSeconds(20 * 60 + k % 20)));
    }
    harness.watermark(NINE.plusSeconds(34 * 60));

    assertThat(harness.alerts())
        .filteredOn(a -> a.rule() == AlertRule.ANSWER_RATE_LOW)
        .singleElement()
        .satisfies(a -> assertThat(a.openedAt()).isEqualTo(NINE.plusSeconds(34 * 60)));
  }

  /**
   * A call replayed after a restore, before the sources' watermark is back, and too old for any
   * window: judged by the watermark the function had, it is not kept, as it would not have been
   * running on. (Kept, it would lie below the minutes already dropped, and stay for good.)
   */
  @Test
  void aRestoredFunctionKeepsTheMinutesARunningOneKeeps() throws Exception {
    harness.call(answered("320100", NINE, "1402"));
    harness.watermark(NINE.plusSeconds(120));
    var snapshot = harness.snapshot(1, 1);
    CallAlertHarness restored = new CallAlertHarness(new CallRateAlerts(thresholds));
    restored.initializeState(snapshot);
    restored.open();

    Instant tooOld = NINE.minusSeconds(5 * 3600); // the longest window is three hours
    harness.call(abandoned("320100", tooOld));
    restored.call(abandoned("320100", tooOld));

    assertThat(minutesHeld(restored, "320100"))
        .containsExactlyInAnyOrderElementsOf(minutesHeld(harness, "320100"))
        .hasSize(1); // the minute the first call ended in
    restored.close();
  }

  /**
   * Outside service hours a centre is evaluated only to drop old state, once per longest window (3
   * hours): its next evaluation after the last minute of the day is at 20:30, not 17:31, and after
   * the morning session the first minute of the afternoon one. Nothing is judged outside the hours
   * either way ({@link #lowAnswerRateOutsideServiceHoursDoesNotAlert}).
   */
  @Test
  void outsideServiceHoursTheCentreIsEvaluatedOnlyToDropOldState() throws Exception {
    harness.call(answered(NANJING, china("2025-03-14T11:50"), "1402"));
    harness.watermark(china("2025-03-14T12:00"));
    assertThat(nextEvaluation(harness, NANJING)).isEqualTo(china("2025-03-14T14:01"));

    harness.call(answered(NANJING, china("2025-03-14T17:00"), "1402"));
    harness.watermark(china("2025-03-14T17:30"));
    assertThat(nextEvaluation(harness, NANJING)).isEqualTo(china("2025-03-14T20:30"));
    harness.watermark(china("2025-03-14T20:30"));
    assertThat(nextEvaluation(harness, NANJING)).isEqualTo(china("2025-03-14T23:30"));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  private static Instant nextEvaluation(CallAlertHarness h, String center) throws Exception {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) h.getOperator();
    operator.setCurrentKey(center);
    ValueState<Long> next =
        operator
            .getKeyedStateBackend()
            .getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("next-evaluation", Types.LONG));
    return next.value() == null ? null : Instant.ofEpochMilli(next.value());
  }

  /** The minutes a centre's tallies are kept for, read from the function's keyed state. */
  private static List<Long> minutesHeld(CallAlertHarness h, String center) throws Exception {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) h.getOperator();
    operator.setCurrentKey(center);
    MapState<Long, CallTally> minutes =
        operator
            .getKeyedStateBackend()
            .getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>(
                    "minutes", Types.LONG, TypeInformation.of(CallTally.class)));
    List<Long> held = new java.util.ArrayList<>();
    minutes.keys().forEach(held::add);
    return held;
  }

  /**
   * Two days of busy, uneven traffic (abandonment bursts, a topic surge, late calls), once with the
   * windows slid on minute by minute throughout, once restored from a snapshot every 97 minutes
   * (the windows then summed afresh): the alerts must be the same.
   */
  @Test
  void slidWindowsGiveTheAlertsOfWindowsSummedAfresh() throws Exception {
    List<Alert> slid = busyDays(Integer.MAX_VALUE);
    List<Alert> restored = busyDays(97);

    assertThat(slid)
        .extracting(Alert::rule)
        .contains(AlertRule.ANSWER_RATE_LOW, AlertRule.ABANDONMENT_SPIKE, AlertRule.TOPIC_SURGE);
    assertThat(restored).containsExactlyElementsOf(slid);
  }

  private List<Alert> busyDays(int restoreEveryMinutes) throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    String[] usual = {"1402", "1406", "1101", "0305", "2505", "1201"};
    Instant day0 = NINE.minusSeconds(86_400);
    CallAlertHarness h = new CallAlertHarness(new CallRateAlerts(thresholds));
    h.open();
    List<Alert> alerts = new java.util.ArrayList<>();
    for (int m = 0; m < 2 * 24 * 60; m++) {
      Instant minute = day0.plusSeconds(60L * m);
      int hour = (9 + m / 60) % 24; // the China hour: day0 starts at 09:00
      boolean burst = hour == 10 || hour == 15; // the queue overflows
      boolean surge = m / 60 == 24 + 2; // the second day, 11:00: everyone asks about 0305
      for (int k = random.nextInt(8); k > 0; k--) {
        Instant at = minute.plusSeconds(random.nextInt(60));
        if (burst && random.nextInt(3) > 0) {
          h.call(abandoned("320100", at));
        } else {
          h.call(answered("320100", at, surge ? "0305" : usual[random.nextInt(usual.length)]));
        }
      }
      if (random.nextInt(100) == 0) { // now and then a call minutes late
        h.call(abandoned("320100", minute.minusSeconds(60L * random.nextInt(1, 40))));
      }
      h.watermark(minute.minusSeconds(4 * 60));
      if (m % restoreEveryMinutes == restoreEveryMinutes - 1) {
        var snapshot = h.snapshot(m, m);
        alerts.addAll(h.alerts());
        h.close();
        h = new CallAlertHarness(new CallRateAlerts(thresholds));
        h.initializeState(snapshot);
        h.open();
      }
    }
    h.watermark(day0.plusSeconds(2 * 86_400));
    alerts.addAll(h.alerts());
    h.close();
    return alerts;
  }
}
