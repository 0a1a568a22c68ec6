package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.answered;
import static io.hotline.jobs.testing.AlertCalls.china;
import static io.hotline.jobs.testing.AlertCalls.recording;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.CallMatch;
import io.hotline.jobs.records.MatchOutcome;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.metrics.CallMeasures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The join of recordings with calls by call id, in both arrival orders and with timeouts. */
class MatchRecordingsTest {
  private static final String NANJING = "320100";
  private static final Duration WAIT = Duration.ofHours(2);
  private static final Instant NINE = china("2025-03-14T09:00");

  /** Queued at 09:00, answered 10 s later, 180 s of talk: it ends at 09:03:10. */
  private static final Cdr CALL = answered("c-1", NANJING, "13900000000", NINE, 180, "1402");

  private static final Instant CALL_END = NINE.plusSeconds(190);
  private static final Recording RECORDING =
      recording("r-1", "c-1", NANJING, NINE.plusSeconds(10), 180_000);

  private KeyedTwoInputStreamOperatorTestHarness<String, Cdr, Recording, CallMatch> harness;

  @BeforeEach
  void start() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new MatchRecordings(WAIT, 0.5)),
            Cdr::callId,
            Recording::callId,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private void call(Cdr c) throws Exception {
    harness.processElement1(new StreamRecord<>(c, CallMeasures.countedAt(c).toEpochMilli()));
  }

  private void rec(Recording r) throws Exception {
    harness.processElement2(new StreamRecord<>(r, r.startedAt().toEpochMilli()));
  }

  private void watermark(Instant t) throws Exception {
    harness.processWatermark1(
        new org.apache.flink.streaming.api.watermark.Watermark(t.toEpochMilli()));
    harness.processWatermark2(
        new org.apache.flink.streaming.api.watermark.Watermark(t.toEpochMilli()));
  }

  private List<CallMatch> matches() {
    return harness.extractOutputValues();
  }

  private void assertCleanedUp() {
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void callFirstThenRecordingMatchesAtOnce() throws Exception {
    call(CALL);
    rec(RECORDING);

    assertThat(matches())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.outcome()).isEqualTo(MatchOutcome.MATCHED);
              assertThat(m.callId()).isEqualTo("c-1");
              assertThat(m.recordingId()).isEqualTo("r-1");
              assertThat(m.day()).isEqualTo(LocalDate.of(2025, 3, 14));
              assertThat(m.talkMs()).isEqualTo(180_000L);
              assertThat(m.recordingMs()).isEqualTo(180_000L);
            });
    watermark(CALL_END.plus(WAIT));
    assertThat(matches()).hasSize(1);
    assertCleanedUp();
  }

  @Test
  void recordingFirstThenCallMatchesTheSame() throws Exception {
    rec(RECORDING);
    watermark(CALL_END.plus(WAIT).minusSeconds(60)); // the call is late but within the wait
    call(CALL);

    assertThat(matches())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.outcome()).isEqualTo(MatchOutcome.MATCHED);
              assertThat(m.recordingId()).isEqualTo("r-1");
              assertThat(m.answered()).isTrue();
            });
    watermark(CALL_END.plus(WAIT));
    assertCleanedUp();
  }

  @Test
  void answeredCallWithoutRecordingIsReportedWhenTheWaitRunsOut() throws Exception {
    call(CALL);
    watermark(CALL_END.plus(WAIT).minusMillis(1));
    assertThat(matches()).isEmpty();

    watermark(CALL_END.plus(WAIT));
    assertThat(matches())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.outcome()).isEqualTo(MatchOutcome.NO_RECORDING);
              assertThat(m.recordingId()).isEmpty();
            });
    assertCleanedUp();
  }

  @Test
  void recordingWithoutCallIsAnOrphan() throws Exception {
    rec(RECORDING);
    watermark(NINE.plusSeconds(10 + 180).plus(WAIT));

    assertThat(matches())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.outcome()).isEqualTo(MatchOutcome.ORPHAN);
              assertThat(m.callId()).isEqualTo("c-1");
              assertThat(m.answered()).isFalse();
            });
    assertCleanedUp();
  }

  @Test
  void recordingMuchShorterThanTheTalkIsAMismatch() throws Exception {
    rec(recording("r-1", "c-1", NANJING, NINE.plusSeconds(10), 60_000));
    call(CALL);

    assertThat(matches())
        .singleElement()
        .satisfies(m -> assertThat(m.outcome()).isEqualTo(MatchOutcome.SHORT_RECORDING));
  }

  @Test
  void repeatedRecordingIsMatchedOnce() throws Exception {
    call(CALL);
    rec(RECORDING);
    rec(RECORDING);

    assertThat(matches()).hasSize(1);
  }

  @Test
  void theEndOfABoundedInputDecidesOnlyWaitsTheDataRanPast() throws Exception {
    call(CALL);
    Cdr muchLater =
        answered("c-2", NANJING, "13900000001", NINE.plus(WAIT).plusSeconds(600), 60, "1402");
    call(muchLater);
    harness.processWatermark1(
        new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));
    harness.processWatermark2(
        new org.apache.flink.streaming.api.watermark.Watermark(Long.MAX_VALUE));

    // The first call's wait ended before the data did: no recording. The last one's did not.
    assertThat(matches())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.callId()).isEqualTo("c-1");
              assertThat(m.outcome()).isEqualTo(MatchOutcome.NO_RECORDING);
            });
  }
}
