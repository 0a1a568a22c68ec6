package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.answered;
import static io.hotline.jobs.testing.AlertCalls.china;
import static io.hotline.jobs.testing.AlertCalls.voicemail;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
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

  private KeyedOneInputStreamOperatorTestHarness<String, Cdr, Alert> harness;

  @BeforeEach
  void start() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new VoicemailAlerts(3, FORGET_AFTER)),
            Cdr::center,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private void call(Cdr c) throws Exception {
    harness.processElement(new StreamRecord<>(c, CallMeasures.countedAt(c).toEpochMilli()));
  }

  private void watermark(Instant t) throws Exception {
    harness.processWatermark(t.toEpochMilli());
  }

  private List<Alert> alerts() {
    return harness.extractOutputValues();
  }

  @Test
  void voicemailNotCalledBackWithinThreeWorkingDaysOpensAnAlertAfterTheHoliday() throws Exception {
    call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    watermark(china("2025-04-08T23:59:59"));
    assertThat(alerts()).isEmpty();

    watermark(DEADLINE);
    assertThat(alerts())
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
    call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    call(answered("c-back", NANJING, CALLER, china("2025-04-03T09:00"), 120, "1402"));
    watermark(DEADLINE.plus(Duration.ofDays(2)));

    assertThat(alerts()).isEmpty();
  }

  @Test
  void overdueAlertClearsWhenTheCallerIsServed() throws Exception {
    call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    watermark(DEADLINE);
    call(answered("c-late", NANJING, CALLER, china("2025-04-09T10:00"), 120, "1402"));
    watermark(china("2025-04-09T11:00"));

    assertThat(alerts()).extracting(Alert::isOpen).containsExactly(true, false);
    assertThat(alerts().get(1).alertId()).isEqualTo(alerts().get(0).alertId());
  }

  @Test
  void anotherCallersAnswerDoesNotCount() throws Exception {
    call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    call(answered("c-other", NANJING, "13800000001", china("2025-04-03T09:00"), 120, "1402"));
    watermark(DEADLINE);

    assertThat(alerts()).hasSize(1);
  }

  @Test
  void forgottenVoicemailClearsTheAlertAndLeavesNoState() throws Exception {
    call(voicemail(NANJING, CALLER, WEDNESDAY_EVENING));
    watermark(DEADLINE.plus(FORGET_AFTER));

    assertThat(alerts()).extracting(Alert::isOpen).containsExactly(true, false);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
