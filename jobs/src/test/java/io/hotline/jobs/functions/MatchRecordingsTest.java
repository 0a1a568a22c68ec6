package io.hotline.jobs.functions;

import static io.hotline.jobs.testing.AlertCalls.abandoned;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The join of recordings with calls by call id, in both arrival orders and with timeouts, and
 * against the reference join keyed by call id on random traffic.
 */
class MatchRecordingsTest {
  private static final String NANJING = "320100";
  private static final Duration WAIT = Duration.ofHours(2);
  private static final Instant NINE = china("2025-03-14T09:00");

  /** Queued at 09:00, answered 10 s later, 180 s of talk: it ends at 09:03:10. */
  private static final Cdr CALL = answered("c-1", NANJING, "13900000000", NINE, 180, "1402");

  private static final Instant CALL_END = NINE.plusSeconds(190);
  private static final Recording RECORDING =
      recording("r-1", "c-1", NANJING, NINE.plusSeconds(10), 180_000);

  private KeyedTwoInputStreamOperatorTestHarness<Integer, Cdr, Recording, CallMatch> harness;

  @BeforeEach
  void start() throws Exception {
    harness = bucketed(WAIT);
    harness.open();
  }

  /** The join as the ingest job runs it, keyed by bucket. */
  private static KeyedTwoInputStreamOperatorTestHarness<Integer, Cdr, Recording, CallMatch>
      bucketed(Duration wait) throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new MatchRecordings(wait, 0.5)),
        c -> MatchRecordings.bucketOf(c.callId()),
        r -> MatchRecordings.bucketOf(r.callId()),
        Types.INT);
  }

  /** The reference: keyed by call id, one timer per call id. */
  private static KeyedTwoInputStreamOperatorTestHarness<String, Cdr, Recording, CallMatch>
      perCallId(Duration wait) throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new MatchRecordingsPerCallId(wait, 0.5)),
        Cdr::callId,
        Recording::callId,
        Types.STRING);
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

  /**
   * Random traffic through the bucketed join and the reference keyed by call id, step by step:
   * calls answered or not, recordings before and after their calls, short ones, second recordings,
   * repeated deliveries, recordings without calls, events arriving after their wait ran out,
   * watermarks landing on the ends of waits, and the end of a bounded input. After every event and
   * every watermark both must have given the same rows (in any order within the step).
   */
  @Test
  void bucketsDecideEveryWaitAsATimerPerCallIdWould() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      List<List<CallMatch>> reference = new ArrayList<>();
      List<List<CallMatch>> bucketed = new ArrayList<>();
      List<List<CallMatch>> restored = new ArrayList<>();
      List<List<CallMatch>> referenceRestored = new ArrayList<>();
      int steps = replay(randomTraffic(seed), () -> perCallId(RANDOM_WAIT), 0, reference);
      replay(randomTraffic(seed), () -> bucketed(RANDOM_WAIT), 0, bucketed);
      // Restored from a snapshot every 37 steps, both of them: neither keeps how far the data
      // reached across a restore, which decides the end of a bounded input.
      replay(randomTraffic(seed), () -> bucketed(RANDOM_WAIT), 37, restored);
      replay(randomTraffic(seed), () -> perCallId(RANDOM_WAIT), 37, referenceRestored);

      assertThat(bucketed).as("seed %d", seed).hasSize(steps).isEqualTo(reference);
      assertThat(restored).as("seed %d, restored", seed).isEqualTo(referenceRestored);
      assertThat(restored.subList(0, steps - 1))
          .as("seed %d, restored, before the end", seed)
          .isEqualTo(reference.subList(0, steps - 1));
      assertThat(reference.stream().flatMap(List::stream).map(CallMatch::outcome))
          .as("seed %d", seed)
          .contains(MatchOutcome.values());
    }
  }

  /** Once the watermark has passed every wait, no bucket keeps state or a timer. */
  @Test
  void bucketsAreEmptyOnceEveryWaitIsDecided() throws Exception {
    List<Step> steps = new ArrayList<>(randomTraffic(1));
    steps.set(steps.size() - 1, new Step(null, null, Long.MAX_VALUE - 1)); // not the end of input
    KeyedTwoInputStreamOperatorTestHarness<Integer, Cdr, Recording, CallMatch> join =
        bucketed(RANDOM_WAIT);
    join.open();
    for (Step s : steps) {
      feed(join, s);
    }
    assertThat(join.extractOutputValues()).isNotEmpty();
    assertThat(join.numKeyedStateEntries()).isZero();
    assertThat(join.numEventTimeTimers()).isZero();
    join.close();
  }

  private static final Duration RANDOM_WAIT = Duration.ofMinutes(30);

  /** An event or a watermark, in arrival order. */
  private record Step(Cdr call, Recording recording, long watermark) {}

  private static List<Step> randomTraffic(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<long[]> arrivals = new ArrayList<>(); // {arrival, index into events}
    List<Object> events = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String id = "c-" + seed + "-" + i;
      // Times on a 10 s grid, so that watermarks often land exactly on the end of a wait.
      Instant queued = NINE.plusSeconds(10L * random.nextInt(6 * 360));
      boolean answered = random.nextInt(10) < 7;
      long talk = 10L * random.nextInt(1, 30);
      Cdr call =
          answered
              ? answered(id, NANJING, "13900000000", queued, talk, "1402")
              : abandoned(id, NANJING, queued);
      int shape = random.nextInt(10);
      if (shape < 9) {
        events.add(call);
        if (random.nextInt(20) == 0) {
          events.add(call); // a repeated delivery
        }
      }
      if (answered ? shape < 6 || shape == 9 : shape == 8 || shape == 9) {
        long ms = random.nextInt(4) == 0 ? talk * 300 : talk * 1000; // sometimes short
        Recording r = recording("r-" + id, id, NANJING, queued.plusSeconds(10), ms);
        events.add(r);
        if (random.nextInt(20) == 0) {
          events.add(r);
        }
        if (random.nextInt(20) == 0) {
          events.add(recording("r2-" + id, id, NANJING, queued.plusSeconds(20), ms));
        }
      }
    }
    for (int i = 0; i < events.size(); i++) {
      long delay = random.nextInt(20) == 0 ? random.nextInt(20, 90) : random.nextInt(10);
      arrivals.add(new long[] {timeOf(events.get(i)) + delay * 60_000L, i});
    }
    arrivals.sort(Comparator.comparingLong((long[] a) -> a[0]));
    List<Step> steps = new ArrayList<>();
    long watermark = Long.MIN_VALUE;
    for (long[] a : arrivals) {
      Object e = events.get((int) a[1]);
      steps.add(e instanceof Cdr c ? new Step(c, null, 0) : new Step(null, (Recording) e, 0));
      if (random.nextInt(4) == 0) {
        long next = (a[0] - 5 * 60_000L - 10_000L * random.nextInt(3)) / 10_000L * 10_000L;
        if (next > watermark) {
          watermark = next;
          steps.add(new Step(null, null, watermark));
        }
      }
    }
    steps.add(new Step(null, null, Long.MAX_VALUE));
    return steps;
  }

  private static long timeOf(Object event) {
    return event instanceof Cdr c
        ? CallMeasures.countedAt(c).toEpochMilli()
        : ((Recording) event).startedAt().toEpochMilli();
  }

  private static <K> void feed(
      KeyedTwoInputStreamOperatorTestHarness<K, Cdr, Recording, CallMatch> join, Step s)
      throws Exception {
    if (s.call() != null) {
      join.processElement1(new StreamRecord<>(s.call(), timeOf(s.call())));
    } else if (s.recording() != null) {
      join.processElement2(new StreamRecord<>(s.recording(), timeOf(s.recording())));
    } else {
      join.processWatermark1(new Watermark(s.watermark()));
      join.processWatermark2(new Watermark(s.watermark()));
    }
  }

  /** A new join, the same each time. */
  private interface JoinFactory<K> {
    KeyedTwoInputStreamOperatorTestHarness<K, Cdr, Recording, CallMatch> create() throws Exception;
  }

  /**
   * Feeds the steps to a join, restored into a new one from a snapshot every {@code restoreEvery}
   * steps (0: never); adds each step's rows, sorted, to {@code rows}.
   */
  private static <K> int replay(
      List<Step> steps, JoinFactory<K> joins, int restoreEvery, List<List<CallMatch>> rows)
      throws Exception {
    KeyedTwoInputStreamOperatorTestHarness<K, Cdr, Recording, CallMatch> join = joins.create();
    join.open();
    int seen = 0;
    for (int i = 0; i < steps.size(); i++) {
      if (restoreEvery > 0 && i > 0 && i % restoreEvery == 0) {
        var snapshot = join.snapshot(i, i);
        join.close();
        join = joins.create();
        join.initializeState(snapshot);
        join.open();
        seen = 0;
      }
      feed(join, steps.get(i));
      List<CallMatch> all = join.extractOutputValues();
      List<CallMatch> step = new ArrayList<>(all.subList(seen, all.size()));
      step.sort(Comparator.comparing(CallMatch::toString));
      rows.add(step);
      seen = all.size();
    }
    join.close();
    return steps.size();
  }
}
