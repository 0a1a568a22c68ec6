package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.IngestJob;
import io.hotline.jobs.records.CdrTypeInfo;
import io.hotline.jobs.records.MinuteRow;
import io.hotline.jobs.records.OpenMinutes;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.testing.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link CountPerMinute} against the window operator it replaced (Flink's tumbling event-time
 * windows with {@link EarlyAndLateTrigger}, {@link CountCalls} and {@link EmitMinuteRow}), on
 * random traffic with late calls and early firings: every minute must get the same rows, in the
 * same order, and the same calls must be too late. Restored from a snapshot, it must give what it
 * gives running on.
 */
class CountPerMinuteTest {
  private static final long MINUTE = 60_000L;
  private static final long NINE = Instant.parse("2025-03-14T01:00:00Z").toEpochMilli();
  private static final Duration LATENESS = Duration.ofMinutes(10);
  private static final Duration EARLY = Duration.ofSeconds(2);
  private static final String[] LINES = {"12333", "12385"};
  private static final String[] CENTERS = {"320100", "320200", "110000"};

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private static final KeySelector<Cdr, String> KEY =
      c -> CountPerMinute.keyOf(c.line().number(), c.center());

  /** What a run put out: each minute's rows in order, and the too-late calls in order. */
  private record Output(Map<String, List<MinuteRow>> rowsByMinute, List<String> tooLate) {}

  @Test
  void everyMinuteGetsTheRowsTheWindowOperatorGave() throws Exception {
    for (int seed = 1; seed <= 5; seed++) {
      List<Step> steps = traffic(seed);
      Output windows = run(steps, () -> windowOperator(LATENESS, EARLY), Integer.MAX_VALUE);
      Output counted = run(steps, () -> countPerMinute(LATENESS, EARLY), Integer.MAX_VALUE);

      assertSameOutput(counted, windows, "seed " + seed);
      assertThat(windows.tooLate()).as("seed %d", seed).isNotEmpty();
      assertThat(windows.rowsByMinute().values())
          .as("seed %d: some minute corrected after it was complete", seed)
          .anySatisfy(rows -> assertThat(rows.get(rows.size() - 1).lateEvents()).isPositive());
    }
  }

  @Test
  void withoutEarlyFiringsTooEveryMinuteGetsTheSameRows() throws Exception {
    List<Step> steps = traffic(11);
    Output windows = run(steps, () -> windowOperator(LATENESS, Duration.ZERO), Integer.MAX_VALUE);
    Output counted = run(steps, () -> countPerMinute(LATENESS, Duration.ZERO), Integer.MAX_VALUE);

    assertSameOutput(counted, windows, "no early firings");
  }

  /** With no allowed lateness, a minute is complete and forgotten on the same timer. */
  @Test
  void withoutLatenessTooEveryMinuteGetsTheSameRows() throws Exception {
    for (int seed = 41; seed <= 43; seed++) {
      List<Step> steps = traffic(seed);
      Output windows = run(steps, () -> windowOperator(Duration.ZERO, EARLY), Integer.MAX_VALUE);
      Output counted = run(steps, () -> countPerMinute(Duration.ZERO, EARLY), Integer.MAX_VALUE);

      assertSameOutput(counted, windows, "seed " + seed);
      assertThat(windows.rowsByMinute()).as("seed %d", seed).isNotEmpty();
    }
  }

  /**
   * Restored every 13 steps, it gives the rows and too-late calls of running on — including for the
   * calls that arrive after a restore and before the first watermark. (The window operator took
   * those as on time, whatever their minute.)
   */
  @Test
  void aRestoredFunctionGivesTheRowsOfRunningOn() throws Exception {
    for (int seed = 21; seed <= 23; seed++) {
      List<Step> steps = traffic(seed);
      Output straight = run(steps, () -> countPerMinute(LATENESS, EARLY), Integer.MAX_VALUE);
      Output restored = run(steps, () -> countPerMinute(LATENESS, EARLY), 13);

      assertSameOutput(restored, straight, "seed " + seed);
    }
  }

  /**
   * The watermark is the last thing before the snapshot: a call for the minute it completed,
   * arriving after the restore and before any watermark, corrects that minute at once.
   */
  @Test
  void aCallAfterARestoreIsJudgedByTheWatermarkBeforeIt() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h =
        countPerMinute(LATENESS, EARLY);
    h.open();
    call(h, NINE + 10_000L, "12333", "320100", 1);
    h.processWatermark(NINE + MINUTE - 1);
    OperatorSubtaskState snapshot = h.snapshot(1, 1);
    h.close();
    KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> restored =
        countPerMinute(LATENESS, EARLY);
    restored.initializeState(snapshot);
    restored.open();

    call(restored, NINE + 20_000L, "12333", "320100", 2);

    assertThat(restored.extractOutputValues())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.lateEvents()).isEqualTo(1);
              assertThat(r.version()).isEqualTo(2);
            });
    restored.close();
  }

  @Test
  void aKeyHoldsOnlyTheMinutesItsCallsCanStillChange() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h =
        countPerMinute(LATENESS, EARLY);
    h.open();
    long at = NINE;
    for (int m = 0; m < 120; m++, at += MINUTE) {
      h.setProcessingTime(at);
      call(h, at + 30_000L, "12333", "320100", m);
      h.processWatermark(at - 3 * MINUTE);
    }
    // Four minutes not yet complete (the watermark is three behind) and those of the lateness, in
    // one value; one event-time timer (the oldest minute's end of lateness) and one early firing.
    assertThat(h.numKeyedStateEntries()).isEqualTo(1);
    // The four not yet complete and the ten of the lateness.
    assertThat(minutesHeld(h, "12333|320100")).isEqualTo(4 + 10);
    assertThat(h.numEventTimeTimers()).isEqualTo(1);
    assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

    h.setProcessingTime(at + EARLY.toMillis());
    h.processWatermark(at + LATENESS.toMillis());
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    assertThat(h.numProcessingTimeTimers()).isZero();
    h.close();
  }

  /**
   * A late call within the lateness brings the key's timer forward (to the end of its minute's
   * lateness, before the end of the pending minute): the key still has one event-time timer.
   */
  @Test
  void aKeyHasOneEventTimeTimerWhenALateMinuteBringsItForward() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h =
        countPerMinute(LATENESS, Duration.ZERO);
    h.open();
    h.processWatermark(NINE);
    call(h, NINE + 30 * MINUTE, "12333", "320100", 0); // due at the end of 09:30
    call(h, NINE - 2 * MINUTE, "12333", "320100", 1); // late: due at 08:58 plus the lateness

    assertThat(h.numEventTimeTimers()).isEqualTo(1);
    h.processWatermark(NINE + 9 * MINUTE); // the late minute's lateness has ended
    assertThat(minutesHeld(h, "12333|320100")).isEqualTo(1);
    assertThat(h.numEventTimeTimers()).isEqualTo(1);
    h.processWatermark(NINE + 31 * MINUTE + LATENESS.toMillis());
    assertThat(h.numKeyedStateEntries()).isZero();
    assertThat(h.numEventTimeTimers()).isZero();
    h.close();
  }

  /** Minute by minute, so that a failure names the minutes that differ. */
  private static void assertSameOutput(Output actual, Output expected, String what) {
    assertThat(actual.tooLate()).as(what + ": too late").isEqualTo(expected.tooLate());
    assertThat(actual.rowsByMinute().keySet())
        .as(what + ": minutes")
        .containsExactlyInAnyOrderElementsOf(expected.rowsByMinute().keySet());
    expected
        .rowsByMinute()
        .forEach(
            (minute, rows) ->
                assertThat(actual.rowsByMinute().get(minute))
                    .as(what + ": " + minute)
                    .containsExactlyElementsOf(rows));
  }

  /** How many minutes a key holds, read from the function's keyed state. */
  private static int minutesHeld(
      KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h, String key)
      throws Exception {
    AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) h.getOperator();
    operator.setCurrentKey(key);
    OpenMinutes open =
        operator
            .getKeyedStateBackend()
            .getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("open-minutes", TypeInformation.of(OpenMinutes.class)))
            .value();
    return open == null ? 0 : open.size();
  }

  // --- the two implementations, behind the same harness ---

  private static KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> countPerMinute(
      Duration lateness, Duration early) {
    return harness(
        new WatermarkListeningOperator<>(new CountPerMinute(lateness, early, IngestJob.TOO_LATE)));
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> windowOperator(
      Duration lateness, Duration early) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    var minutes =
        env.fromData(List.of(call(NINE, "12333", "320100", 0)), CdrTypeInfo.INSTANCE)
            .keyBy(KEY, Types.STRING)
            .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
            .trigger(new EarlyAndLateTrigger(early))
            .allowedLateness(lateness)
            .sideOutputLateData(IngestJob.TOO_LATE)
            .aggregate(new CountCalls(), new EmitMinuteRow());
    @SuppressWarnings("unchecked")
    OneInputTransformation<Cdr, MinuteRow> t =
        (OneInputTransformation<Cdr, MinuteRow>) minutes.getTransformation();
    return harness((OneInputStreamOperator<Cdr, MinuteRow>) t.getOperator());
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> harness(
      OneInputStreamOperator<Cdr, MinuteRow> operator) {
    try {
      return new KeyedOneInputStreamOperatorTestHarness<>(operator, KEY, Types.STRING);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- random traffic ---

  /** One step of a run: the processing time, the calls that arrive, then the watermark. */
  private record Step(long processingTime, List<Cdr> calls, long watermark) {}

  /**
   * Three hours of calls on six line × centre keys, 20 s of event time per step: most calls minutes
   * behind the step, some up to half an hour (beyond the lateness), the watermark three minutes
   * behind and now and then jumping ahead, often at or next to a minute's last millisecond.
   * Processing time moves one early interval per step, so that both implementations fire the early
   * rows of the same step's calls: with smaller steps the new function's early rows come sooner
   * (one early timer per key, not per minute), the one difference it is meant to have.
   */
  private static List<Step> traffic(int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Step> steps = new ArrayList<>();
    int n = 0;
    long watermark = Long.MIN_VALUE;
    for (int s = 0; s < 3 * 60 * 3; s++) {
      long now = NINE + s * 20_000L;
      List<Cdr> calls = new ArrayList<>();
      for (int k = random.nextInt(6); k > 0; k--) {
        long at = now - random.nextLong(4 * MINUTE);
        if (random.nextInt(15) == 0) {
          at = now - random.nextLong(30 * MINUTE);
        }
        calls.add(call(at, LINES[random.nextInt(2)], CENTERS[random.nextInt(3)], n++));
      }
      long behind = random.nextInt(40) == 0 ? 0 : 3 * MINUTE;
      long next = now - behind;
      if (random.nextInt(3) == 0) { // at a minute's last millisecond, or one either side of it
        next = Math.floorDiv(next, MINUTE) * MINUTE - 2 + random.nextInt(3);
      }
      watermark = Math.max(watermark, next);
      steps.add(new Step(s * EARLY.toMillis(), calls, watermark));
    }
    long end = NINE + 4 * 3_600_000L;
    steps.add(new Step(steps.size() * EARLY.toMillis(), List.of(), end));
    return steps;
  }

  private static Cdr call(long queuedAt, String line, String center, int n) {
    Instant q = Instant.ofEpochMilli(queuedAt);
    long wait = (n * 7919L) % 200_000;
    boolean answered = n % 3 != 0;
    EventJson json =
        (answered ? EventJson.answeredCall() : EventJson.abandonedCall())
            .with("call_id", "c-" + n)
            .with("line", line)
            .with("center", center)
            .with("arrived_at", text(q.minusSeconds(5)))
            .with("queued_at", text(q))
            .with("satisfaction", answered ? 1 + n % 3 : null);
    if (answered) {
      json =
          json.with("answered_at", text(q.plusMillis(wait)))
              .with("ended_at", text(q.plusMillis(wait + 90_000)));
    } else {
      json = json.with("ended_at", text(q.plusMillis(wait)));
    }
    return EventParser.standard().parseCdr(json.json()).event();
  }

  private static String text(Instant t) {
    return TIMESTAMP.format(t.atOffset(ZoneOffset.ofHours(8)));
  }

  private static void call(
      KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h,
      long at,
      String line,
      String center,
      int n)
      throws Exception {
    Cdr c = call(at, line, center, n);
    h.processElement(new StreamRecord<>(c, at));
  }

  // --- running ---

  private static Output run(
      List<Step> steps,
      Supplier<KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow>> operator,
      int restoreEvery)
      throws Exception {
    List<MinuteRow> rows = new ArrayList<>();
    List<String> tooLate = new ArrayList<>();
    KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h = operator.get();
    h.setProcessingTime(0);
    h.open();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      h.setProcessingTime(step.processingTime());
      for (Cdr c : step.calls()) {
        h.processElement(new StreamRecord<>(c, c.queuedAt().toEpochMilli()));
      }
      h.processWatermark(step.watermark());
      if (i % restoreEvery == restoreEvery - 1) {
        OperatorSubtaskState snapshot = h.snapshot(i, i);
        collect(h, rows, tooLate);
        h.close();
        h = operator.get();
        h.setProcessingTime(step.processingTime());
        h.initializeState(snapshot);
        h.open();
      }
    }
    collect(h, rows, tooLate);
    assertThat(h.numKeyedStateEntries()).as("state left at the end").isZero();
    h.close();
    Map<String, List<MinuteRow>> byMinute = new LinkedHashMap<>();
    for (MinuteRow r : rows) {
      byMinute
          .computeIfAbsent(r.line() + "|" + r.center() + "|" + r.minute(), k -> new ArrayList<>())
          .add(r);
    }
    return new Output(byMinute, tooLate);
  }

  private static void collect(
      KeyedOneInputStreamOperatorTestHarness<String, Cdr, MinuteRow> h,
      List<MinuteRow> rows,
      List<String> tooLate) {
    rows.addAll(h.extractOutputValues());
    var late = h.getSideOutput(IngestJob.TOO_LATE);
    if (late != null) {
      late.forEach(r -> tooLate.add(r.getValue().callId()));
    }
  }
}
