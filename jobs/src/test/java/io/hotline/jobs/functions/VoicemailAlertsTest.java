package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.answered;
import static io.hotline.jobs.testing.AlertCalls.china;
import static io.hotline.jobs.testing.AlertCalls.voicemail;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.jobs.testing.CallAlertHarness;
import io.hotline.schemas.events.Cdr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Voicemail must be answered within three working days (holiday calendar). */
class VoicemailAlertsTest {
  private static final String NANJING = "320100";
  private static final String CALLER = "13912345678";
  private static final Duration FORGET_AFTER = Duration.ofDays(30);

  /**
   * Wednesday 2025-04-02, 20:00. Working days after it: Thu 3 April, then the 清明 holiday (4–6
   * April), Mon 7, Tue 8: the deadline is the end of Tuesday 8 April, not of Monday 7.
   */
  private static final Instant WEDNESDAY_EVENING = china("2025-04-02T20:00");

  private static final Instant DEADLINE = china("2025-04-09T00:00");

  private CallAlertHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new CallAlertHarness(new VoicemailAlerts(3, FORGET_AFTER));
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @Test
  void voicemailNotCalledBackWithinThreeWorkingDaysOpensAnAlertAfterTheHoliday() throws Exception {
    harness.call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    harness.watermark(china("2025-04-08T23:59:59"));
    assertThat(harness.alerts()).isEmpty();

    harness.watermark(DEADLINE);
    assertThat(harness.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo(AlertRule.VOICEMAIL_OVERDUE);
              assertThat(a.openedAt()).isEqualTo(DEADLINE);
              assertThat(a.value()).isEqualTo(1.0);
            });
  }

  @Test
  void callerServedBeforeTheDeadlineNeverAlerts() throws Exception {
    harness.call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    harness.call(answered("c-back", NANJING, CALLER, china("2025-04-03T09:00"), 120, "1402"));
    harness.watermark(DEADLINE.plus(Duration.ofDays(2)));

    assertThat(harness.alerts()).isEmpty();
  }

  @Test
  void overdueAlertClearsWhenTheCallerIsServed() throws Exception {
    harness.call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    harness.watermark(DEADLINE);
    harness.call(answered("c-late", NANJING, CALLER, china("2025-04-09T10:00"), 120, "1402"));
    harness.watermark(china("2025-04-09T11:00"));

    assertThat(harness.alerts()).extracting(Alert::isOpen).containsExactly(true, false);
    assertThat(harness.alerts().get(1).alertId()).isEqualTo(harness.alerts().get(0).alertId());
  }

  @Test
  void anotherCallersAnswerDoesNotCount() throws Exception {
    harness.call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    harness.call(
        answered("c-other", NANJING, "13800000001", china("2025-04-03T09:00"), 120, "1402"));
    harness.watermark(DEADLINE);

    assertThat(harness.alerts()).hasSize(1);
  }

  @Test
  void forgottenVoicemailClearsTheAlertAndLeavesNoState() throws Exception {
    harness.call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    harness.watermark(DEADLINE.plus(FORGET_AFTER));

    assertThat(harness.alerts()).extracting(Alert::isOpen).containsExactly(true, false);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  /**
   * Two months of random voicemails and answered calls from twenty callers of two centres, events a
   * little out of order: restored from a snapshot before every tenth step (the pending voicemails
   * indexed afresh from state), the function gives the alerts it gives running on.
   */
  @Test
  void aRestoreEveryTenStepsGivesTheAlertsOfRunningOn() throws Exception {
    List<Object> steps = randomSteps(new Random(7));
    List<Alert> runningOn = run(steps, Integer.MAX_VALUE);
    List<Alert> restored = run(steps, 10);

    assertThat(runningOn).extracting(Alert::isOpen).contains(true, false);
    assertThat(restored).isEqualTo(runningOn);
  }

  /** Calls and watermarks (instants), in the order the operator sees them. */
  static List<Object> randomSteps(Random random) {
    List<Object> steps = new ArrayList<>();
    Instant now = china("2025-03-03T08:00");
    for (int i = 0; i < 1_500; i++) {
      now = now.plusSeconds(random.nextInt(2 * 3_600));
      Instant at = now.minusSeconds(random.nextInt(600));
      String center = random.nextBoolean() ? NANJING : "320200";
      String caller = "1390000" + (1000 + random.nextInt(20));
      steps.add(
          random.nextInt(3) == 0
              ? voicemail(center, caller, at)
              : answered("c-" + i, center, caller, at, 60, "1402"));
      if (random.nextInt(4) == 0) {
        steps.add(now.minusSeconds(900));
      }
    }
    return steps;
  }

  private static List<Alert> run(List<Object> steps, int restoreEvery) throws Exception {
    List<Alert> alerts = new ArrayList<>();
    CallAlertHarness h = new CallAlertHarness(new VoicemailAlerts(3, FORGET_AFTER));
    h.open();
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      if (i % restoreEvery == restoreEvery - 1) {
        var snapshot = h.snapshot(1L, 0L);
        alerts.addAll(h.alerts());
        h.close();
        h = new CallAlertHarness(new VoicemailAlerts(3, FORGET_AFTER));
        h.initializeState(snapshot);
        h.open();
      }
      if (step instanceof Cdr call) {
        h.call(call);
      } else {
        h.watermark((Instant) step);
      }
    }
    alerts.addAll(h.alerts());
    h.close();
    return alerts;
  }
}
