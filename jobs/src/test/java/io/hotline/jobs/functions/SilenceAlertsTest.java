package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.china;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.jobs.records.CenterBeat;
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

/** The silence rule: event time first, wall-clock time only when the job is live. */
class SilenceAlertsTest {
  private static final String NANJING = "320100";
  private static final Duration SILENCE = Duration.ofMinutes(20);
  private static final Duration LIVE_LAG = Duration.ofMinutes(10);

  /** Friday 2025-03-14, a working day. */
  private static final Instant NINE = china("2025-03-14T09:00");

  private KeyedOneInputStreamOperatorTestHarness<String, CenterBeat, Alert> harness;

  @BeforeEach
  void start() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new SilenceAlerts(
                    "alerts.service-hours", "08:30-12:00,14:00-17:30", SILENCE, LIVE_LAG)),
            CenterBeat::center,
            Types.STRING);
    // Wall clock far from the events: a replay, unless a test sets it otherwise.
    harness.setProcessingTime(china("2026-11-24T20:00").toEpochMilli());
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private void beat(Instant at) throws Exception {
    harness.processElement(
        new StreamRecord<>(new CenterBeat(NANJING, at.toEpochMilli()), at.toEpochMilli()));
  }

  private void watermark(Instant t) throws Exception {
    harness.processWatermark(t.toEpochMilli());
  }

  private List<Alert> alerts() {
    return harness.extractOutputValues();
  }

  @Test
  void silenceInServiceHoursOpensWhenTheWatermarkPassesItAndClearsWithTheNextEvent()
      throws Exception {
    beat(NINE);
    watermark(NINE.plus(SILENCE).minusMillis(1));
    assertThat(alerts()).isEmpty();

    watermark(NINE.plus(SILENCE));
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo(AlertRule.CENTER_SILENT);
              assertThat(a.openedAt()).isEqualTo(NINE.plus(SILENCE));
              assertThat(a.isOpen()).isTrue();
            });

    // The watermark moving on (other centres) does not repeat it.
    watermark(NINE.plus(SILENCE.multipliedBy(3)));
    assertThat(alerts()).hasSize(1);

    beat(NINE.plus(SILENCE.multipliedBy(3)).plusSeconds(1));
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1).isOpen()).isFalse();
    assertThat(alerts().get(1).alertId()).isEqualTo(alerts().get(0).alertId());
  }

  @Test
  void regularEventsNeverAlert() throws Exception {
    for (int m = 0; m < 120; m += 5) {
      beat(NINE.plusSeconds(60L * m));
      watermark(NINE.plusSeconds(60L * m));
    }
    assertThat(alerts()).isEmpty();
  }

  @Test
  void silenceOutsideServiceHoursDoesNotAlert() throws Exception {
    // Friday 17:25, then nothing until Monday 08:35: the weekend and the night do not count.
    beat(china("2025-03-14T17:25"));
    watermark(china("2025-03-17T08:34"));
    beat(china("2025-03-17T08:35"));
    watermark(china("2025-03-17T08:36"));

    assertThat(alerts()).isEmpty();
  }

  @Test
  void silenceCountsOnlyServiceTimeAcrossTheWeekend() throws Exception {
    // 5 minutes on Friday evening, 15 on Monday morning: 20 minutes of service time.
    beat(china("2025-03-14T17:25"));
    watermark(china("2025-03-17T08:44:59"));
    assertThat(alerts()).isEmpty();

    watermark(china("2025-03-17T08:45"));
    assertThat(alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.openedAt()).isEqualTo(china("2025-03-17T08:45")));
  }

  @Test
  void holidaysAreNotServiceHours() throws Exception {
    // Thursday 2025-04-03 evening; 4–6 April is the 清明 holiday; service resumes Monday the 7th.
    beat(china("2025-04-03T17:29"));
    watermark(china("2025-04-07T08:40"));
    assertThat(alerts()).isEmpty();

    watermark(china("2025-04-07T08:49"));
    assertThat(alerts()).hasSize(1);
  }

  @Test
  void replayingOldDataQuicklyNeverAlertsOnWallClockTime() throws Exception {
    // A replay: events of March 2025 while the wall clock says November 2026.
    beat(NINE);
    harness.setProcessingTime(harness.getProcessingTime() + Duration.ofHours(2).toMillis());

    assertThat(alerts()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void whenTheWholeStreamStopsWhileLiveWallClockTimeOpensTheAlert() throws Exception {
    long live = NINE.plusSeconds(30).toEpochMilli();
    harness.setProcessingTime(live);
    beat(NINE);
    // No watermark moves: every partition is idle.
    harness.setProcessingTime(live + SILENCE.toMillis() - 1);
    assertThat(alerts()).isEmpty();

    harness.setProcessingTime(live + SILENCE.toMillis());
    assertThat(alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.openedAt()).isEqualTo(NINE.plus(SILENCE)));
    // The event-time path would have given the same alert, so it is not repeated.
    watermark(NINE.plus(SILENCE.multipliedBy(2)));
    assertThat(alerts()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void theEndOfABoundedInputIsNoSilence() throws Exception {
    beat(NINE);
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(alerts()).isEmpty();
  }

  @Test
  void silenceTheDataRanPastIsStillFoundWhenABoundedInputEnds() throws Exception {
    beat(NINE);
    harness.processElement(
        new StreamRecord<>(
            new CenterBeat("320500", NINE.plus(SILENCE.multipliedBy(2)).toEpochMilli()),
            NINE.plus(SILENCE.multipliedBy(2)).toEpochMilli()));
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.center()).isEqualTo(NANJING));
  }
}
