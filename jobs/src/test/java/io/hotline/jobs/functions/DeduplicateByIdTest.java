package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateByIdTest {
  private static final long BEGINNING = 1_741_914_000_000L; // 2025-03-14T09:00+08:00
  private static final long ONE_MINUTE = 60_000L;
  private static final Duration RETENTION = Duration.ofHours(1);

  private KeyedOneInputStreamOperatorTestHarness<Integer, String, String> harness;

  private static KeyedOneInputStreamOperatorTestHarness<Integer, String, String> harness(
      KeySelector<String, Integer> buckets) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new WatermarkListeningOperator<>(
            new DeduplicateById<Integer, String>("calls", id -> id, RETENTION)),
        buckets,
        Types.INT);
  }

  @BeforeEach
  void start() throws Exception {
    harness = harness(DeduplicateById.byBucket(id -> id));
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
  void anIdIsForgottenOnceTheWatermarkPassesItsExpiry() throws Exception {
    long twenty = BEGINNING + 20 * ONE_MINUTE;
    long expiry = twenty + RETENTION.toMillis();
    harness.processElement(new StreamRecord<>("c-1", twenty));
    harness.processWatermark(expiry - 1);
    harness.processElement(new StreamRecord<>("c-1", twenty));
    harness.processWatermark(expiry);
    harness.processElement(new StreamRecord<>("c-1", twenty));

    assertThat(output()).containsExactly("c-1", "c-1");
  }

  @Test
  void stateAndTimersAreGoneAtTheFirstSweepAfterTheExpiry() throws Exception {
    long twenty = BEGINNING + 20 * ONE_MINUTE; // expires at 10:20
    long sweep = BEGINNING + 82 * ONE_MINUTE + 30_000L; // sweeps every 7.5 minutes
    harness.processElement(new StreamRecord<>("c-1", twenty));
    harness.processElement(new StreamRecord<>("c-1", twenty));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(sweep - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.processWatermark(sweep);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aSweepKeepsTheIdsNotYetExpiredAndSchedulesTheNext() throws Exception {
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));
    harness.processWatermark(BEGINNING + 30 * ONE_MINUTE);
    harness.processElement(new StreamRecord<>("c-1", BEGINNING + 30 * ONE_MINUTE));
    harness.processElement(new StreamRecord<>("c-2", BEGINNING + 30 * ONE_MINUTE));
    harness.processWatermark(BEGINNING + RETENTION.toMillis()); // c-1 swept, c-2 kept
    harness.processElement(new StreamRecord<>("c-1", BEGINNING + RETENTION.toMillis()));
    harness.processElement(new StreamRecord<>("c-2", BEGINNING + RETENTION.toMillis()));

    assertThat(output()).containsExactly("c-1", "c-2", "c-1");
    assertThat(harness.numEventTimeTimers()).isPositive();
  }

  /**
   * Random ids, event times around the watermark (late ones too) and watermark steps, against the
   * rule itself: a copy is dropped while its id's expiry is after the watermark. Four buckets only,
   * so the tables grow and shrink; restored from a snapshot halfway.
   */
  @Test
  void randomInputIsDeduplicatedExactlyAsTheRuleSays() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      harness.close();
      harness = harness(id -> DeduplicateById.bucketOf(id) & 3);
      harness.open();
      Random random = new Random(seed);
      Map<String, Long> expiryById = new HashMap<>();
      List<String> expected = new ArrayList<>();
      List<String> beforeRestore = List.of();
      long watermark = BEGINNING;
      harness.processWatermark(watermark);
      for (int step = 0; step < 20_000; step++) {
        if (step == 10_000) {
          beforeRestore = restoreFromASnapshot(id -> DeduplicateById.bucketOf(id) & 3);
          // A restored operator's watermark starts over; the sources send theirs again at once.
          harness.processWatermark(watermark);
        }
        if (random.nextInt(20) == 0) {
          watermark += random.nextInt(20) * ONE_MINUTE;
          harness.processWatermark(watermark);
          continue;
        }
        String id = "c-" + random.nextInt(3_000);
        long time = watermark + (random.nextInt(60) - 30) * ONE_MINUTE;
        Long expiry = expiryById.get(id);
        if (expiry == null || expiry <= watermark) {
          expected.add(id);
          expiryById.put(id, Math.max(time, watermark) + RETENTION.toMillis());
        }
        harness.processElement(new StreamRecord<>(id, time));
      }
      List<String> passed = new ArrayList<>(beforeRestore);
      passed.addAll(output());
      assertThat(passed).as("seed %d", seed).isEqualTo(expected);

      harness.processWatermark(Long.MAX_VALUE);
      assertThat(harness.numKeyedStateEntries()).as("seed %d", seed).isZero();
      assertThat(harness.numEventTimeTimers()).as("seed %d", seed).isZero();
    }
  }

  /** Restores the harness from a snapshot of itself; returns what it had emitted before. */
  private List<String> restoreFromASnapshot(KeySelector<String, Integer> buckets) throws Exception {
    List<String> emitted = output();
    var snapshot = harness.snapshot(1L, 0L);
    harness.close();
    harness = harness(buckets);
    harness.initializeState(snapshot);
    harness.open();
    return emitted;
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
  void aRestoredFunctionJudgesByTheWatermarkItHadSeen() throws Exception {
    long twenty = BEGINNING + 20 * ONE_MINUTE; // expires at 10:20, swept at 10:22:30
    harness.processElement(new StreamRecord<>("c-1", twenty));
    // The watermark is the last thing before the snapshot: no record or timer has seen it.
    harness.processWatermark(twenty + RETENTION.toMillis() + ONE_MINUTE);
    List<String> before = restoreFromASnapshot(DeduplicateById.byBucket(id -> id));

    // No watermark yet after the restore: c-1 had expired before the failure, so it passes.
    harness.processElement(new StreamRecord<>("c-1", twenty));

    assertThat(before).containsExactly("c-1");
    assertThat(output()).containsExactly("c-1");
  }

  @Test
  void stateSurvivesASnapshotAndRestore() throws Exception {
    harness.processElement(new StreamRecord<>("c-1", BEGINNING));
    var snapshot = harness.snapshot(1L, BEGINNING);
    harness.close();

    harness = harness(DeduplicateById.byBucket(id -> id));
    harness.initializeState(snapshot);
    harness.open();
    harness.processElement(new StreamRecord<>("c-1", BEGINNING + ONE_MINUTE));

    assertThat(output()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }
}
