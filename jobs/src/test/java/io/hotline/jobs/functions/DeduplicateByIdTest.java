package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateByIdTest {
  private static final long BEGINNING = 1_741_914_000_000L; // 2025-03-14T09:00+08:00
  private static final long ONE_MINUTE = 60_000L;
  private static final Duration RETENTION = Duration.ofHours(1);

  private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;

  @BeforeEach
  void start() throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateById<String>("calls", RETENTION)),
            id -> id,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private List<String> output() {
    return harness.extractOutputValues();
  }

  @Test
  void firstCopyPassesLaterCopiesAreDropped() throws Exception {
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));
    harness.processElement(new StreamRecord<>("c-2", BEGINNING));
    harness.processElement(new StreamRecord<>("c-1", BEGINNING + ONE_MINUTE));

    assertThat(output()).containsExactly("c-1", "c-2");
  }

  @Test
  void stateAndTimersAreClearedAfterRetention() throws Exception {
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(BEGINNING + RETENTION.toMillis() - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(BEGINNING + RETENTION.toMillis());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void copyWithinRetentionIsDroppedEvenWhenWatermarkAdvanced() throws Exception {
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));
    harness.processWatermark(BEGINNING + 30 * ONE_MINUTE);
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));

    assertThat(output()).containsExactly("c-1");
  }

  @Test
  void lateFirstCopyIsKeptAndItsRetentionCountsFromTheWatermark() throws Exception {
    harness.processWatermark(BEGINNING + 10 * RETENTION.toMillis());
    harness.processElement(new StreamRecord<>("c-old", BEGINNING));
    harness.processWatermark(BEGINNING + 10 * RETENTION.toMillis() + 1);
    harness.processElement(new StreamRecord<>("c-old", BEGINNING));

    assertThat(output()).containsExactly("c-old");
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void stateSurvivesASnapshotAndRestore() throws Exception {
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));
    var snapshot = harness.snapshot(1L, BEGINNING);
    harness.close();

    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateById<String>("calls", RETENTION)),
            id -> id,
            Types.STRING);
    harness.initializeState(snapshot);
    harness.open();
    harness.processElement(new StreamRecord<>("c-1", BEGINNING + ONE_MINUTE));

    assertThat(output()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }
}
