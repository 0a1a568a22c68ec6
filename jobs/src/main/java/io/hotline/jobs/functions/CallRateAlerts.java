package io.hotline.jobs.functions;

import io.hotline.jobs.AlertThresholds;
import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.jobs.records.CallTally;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.events.Cdr;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The rate rules of the live alerts, per centre (keyed by centre code), in event time: answer rate
 * below target over the last minutes, an abandonment spike against the centre's usual rate, and a
 * topic whose share of the last hours is several times its share over the previous days. Calls are
 * tallied per minute and day of their end (for the windows and the baselines); every minute, when
 * the watermark passes it, the rules are evaluated over the windows ending there. Rules are judged
 * only inside service hours: outside them nothing opens or clears.
 *
 * <p>Each condition opens one alert and clears it when it clearly stops holding ({@link
 * AlertLatch}, with a margin so that a value hovering at its threshold does not flap). A call too
 * late for the minute already evaluated still counts for the next evaluations and the baselines.
 * State is dropped once it is older than the longest window and the baseline days, and the minute
 * timer stops when a centre has no state left.
 */
public final class CallRateAlerts extends WatermarkKeepingFunction<String, Cdr, Alert> {
  private static final long serialVersionUID = 1L;
  private static final long MINUTE = 60_000L;

  /** How far a rate must come back past its threshold before an open alert clears. */
  static final double MARGIN = 0.05;

  private final AlertThresholds t;
  private transient ServiceHours hours;
  private transient MapState<Long, CallTally> minutes;
  private transient MapState<Long, CallTally> days;
  private transient ValueState<Long> nextEvaluation;
  private transient ValueState<Long> latest;
  // Every minute before this one has been dropped from `minutes`.
  private transient ValueState<Long> minutesDroppedBefore;
  private transient AlertLatch latch;

  // Each centre's baseline for the day it was summed for. It only changes when the day changes or
  // a late call lands in one of its days, and summing a week of topics at every minute cost more
  // than the rest of the job in a catch-up. Derived from state, so not part of it.
  private transient Map<String, Baseline> baselines;

  private record Baseline(long today, CallTally sum) {}

  // Each centre's window sums at its last evaluation, slid on by one minute at the next: summing
  // the three hours of the topic window afresh at every minute merged 180 minutes of topics per
  // centre and minute, most of the job's work in a catch-up. Derived from state, so not part of
  // it: after a restore, or a late call in a minute already summed, the sums are taken afresh.
  private transient Map<String, Windows> windowSums;

  /** The minutes of each rule's window ending at {@code at}. */
  private record Windows(long at, CallTally answerRate, CallTally abandonment, CallTally topics) {}

  public CallRateAlerts(AlertThresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public void open(OpenContext openContext) {
    hours = t.serviceHours();
    TypeInformation<CallTally> tally = TypeInformation.of(CallTally.class);
    minutes =
        getRuntimeContext().getMapState(new MapStateDescriptor<>("minutes", Types.LONG, tally));
    days = getRuntimeContext().getMapState(new MapStateDescriptor<>("days", Types.LONG, tally));
    nextEvaluation =
        getRuntimeContext().getState(new ValueStateDescriptor<>("next-evaluation", Types.LONG));
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LONG));
    minutesDroppedBefore =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("minutes-dropped-before", Types.LONG));
    latch = AlertLatch.inState(getRuntimeContext());
    baselines = new HashMap<>();
    windowSums = new HashMap<>();
  }

  @Override
  public void processElement(Cdr call, Context ctx, Collector<Alert> out) throws Exception {
    // Calls are tallied by the minute they ended, not the one they are counted in: the platform
    // sends a call when it ends, so when the watermark (of counting times, five minutes behind)
    // passes a minute, every call that ended before it has arrived. An evaluation then sees the
    // same calls however fast or slow the input is read, and a replay gives the same alerts with
    // the same ids. A call still in the queue or talking is not known yet, live or in a replay.
    long ts = call.endedAt().toEpochMilli();
    // The watermark kept across restores: a call replayed after one, before the sources'
    // watermark is back, and too old for any window would otherwise be kept below the minutes
    // already dropped by key, for good.
    long watermark = watermark(ctx.timerService());
    long minute = Math.floorDiv(ts, MINUTE) * MINUTE;
    if (ts > orMin(latest.value())) {
      latest.update(ts);
    }
    if (watermark == Long.MIN_VALUE || minute >= watermark - t.longestWindow().toMillis()) {
      minutes.put(minute, orEmpty(minutes.get(minute)).add(call));
      Windows w = windowSums.get(ctx.getCurrentKey());
      if (w != null && minute < w.at()) {
        windowSums.remove(ctx.getCurrentKey()); // a late call in a minute already summed
      }
    }
    long day = dayOf(ts);
    if (day >= dayOf(Math.max(ts, watermark)) - t.baselineDays()) {
      days.put(day, orEmpty(days.get(day)).add(call));
      Baseline b = baselines.get(ctx.getCurrentKey());
      if (b != null && day < b.today()) {
        baselines.remove(ctx.getCurrentKey()); // a late call in a day of the cached baseline
      }
    }
    if (nextEvaluation.value() == null) {
      // The first evaluation after a quiet spell: the end of this call's minute, or the next
      // minute boundary after the watermark for a late call, never an instant already judged.
      long judged =
          watermark == Long.MIN_VALUE ? minute : Math.floorDiv(watermark, MINUTE) * MINUTE;
      schedule(ctx.timerService(), nextEvaluation(Math.max(minute, judged) + MINUTE));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    nextEvaluation.clear();
    // At the end of a bounded input the watermark jumps to the end of time, and in a fast
    // catch-up it may jump there from far back: minutes the centre's data reached are still
    // judged, the time after its last call is not (the data ran out, time did not pass).
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE
        && timestamp > orMin(latest.value()) + MINUTE) {
      return;
    }
    String center = ctx.getCurrentKey();
    // Outside service hours nothing is judged: an alert open at the lunch break or in the evening
    // stays open until the next minute of service time shows whether it still holds.
    if (hours.contains(timestamp - 1)) {
      Windows w = windows(center, timestamp);
      CallTally usual = baseline(center, timestamp);
      answerRate(center, timestamp, w.answerRate()).ifPresent(out::collect);
      abandonment(center, timestamp, w.abandonment(), usual).ifPresent(out::collect);
      topicSurges(center, timestamp, w.topics(), usual, out);
    }
    dropOldState(timestamp);
    if (!minutes.isEmpty() || !days.isEmpty() || !latch.isEmpty()) {
      schedule(ctx.timerService(), nextEvaluation(timestamp + MINUTE));
    } else {
      latest.clear();
      minutesDroppedBefore.clear();
      baselines.remove(center);
      windowSums.remove(center);
    }
  }

  private Optional<Alert> answerRate(String center, long at, CallTally w) throws Exception {
    double rate = w.offered == 0 ? 1.0 : (double) w.answered / w.offered;
    // Hysteresis: an open alert clears only once the rate is clearly back, not at the first
    // minute it touches the target, so a rate hovering there gives one alert, not many.
    double limit =
        t.answerRateTarget() + (latch.isOpen(AlertRule.ANSWER_RATE_LOW, "") ? MARGIN : 0);
    boolean holds = w.offered >= t.minOffered() && rate < limit;
    return latch.observe(
        center,
        AlertRule.ANSWER_RATE_LOW,
        "",
        holds,
        at,
        rate,
        t.answerRateTarget(),
        () ->
            String.format(
                Locale.ROOT,
                "近%d分钟接通率 %.1f%%（人工呼入 %d，接通 %d），低于目标 %.1f%%",
                t.answerRateWindow().toMinutes(),
                rate * 100,
                w.offered,
                w.answered,
                t.answerRateTarget() * 100));
  }

  private Optional<Alert> abandonment(String center, long at, CallTally w, CallTally usual)
      throws Exception {
    double rate = w.offered == 0 ? 0.0 : (double) w.abandoned / w.offered;
    double usualRate = usual.offered == 0 ? 0.0 : (double) usual.abandoned / usual.offered;
    double threshold = Math.max(t.abandonRate(), t.abandonFactor() * usualRate);
    double limit = threshold - (latch.isOpen(AlertRule.ABANDONMENT_SPIKE, "") ? MARGIN : 0);
    boolean holds = w.offered >= t.minOffered() && rate >= limit;
    return latch.observe(
        center,
        AlertRule.ABANDONMENT_SPIKE,
        "",
        holds,
        at,
        rate,
        threshold,
        () ->
            String.format(
                Locale.ROOT,
                "近%d分钟放弃率 %.1f%%（人工呼入 %d，放弃 %d），前%d天为 %.1f%%",
                t.abandonWindow().toMinutes(),
                rate * 100,
                w.offered,
                w.abandoned,
                t.baselineDays(),
                usualRate * 100));
  }

  /**
   * A topic surges when, in the window, it has at least the minimum calls, at least {@code factor}
   * times the calls its baseline share predicts, and more than chance allows ((calls − expected) /
   * √expected ≥ z, Poisson). A topic never seen in the baseline is given half a call there, so a
   * brand-new topic can surge without dividing by zero. Without a baseline of at least ten times
   * the minimum calls (a new centre, the first day of data) nothing is judged.
   */
  private void topicSurges(
      String center, long at, CallTally w, CallTally usual, Collector<Alert> out) throws Exception {
    boolean judged = usual.classified >= 10L * t.topicMinCalls();
    Set<String> open = new HashSet<>(latch.openSubjects(AlertRule.TOPIC_SURGE));
    // The topics with calls in the window, and those with an open alert (judged to clear it).
    // A topic without an open alert opens only with the minimum calls, so the others, most of a
    // centre's hundred-odd codes at most minutes, are not looked at.
    List<String> topics = new ArrayList<>(open);
    if (judged) {
      for (int i = 0; i < w.topicCodes.length; i++) {
        long calls = w.topicCalls[i];
        if (calls > 0 && calls >= t.topicMinCalls() && !open.contains(w.topicCodes[i])) {
          topics.add(w.topicCodes[i]);
        }
      }
    }
    // The few alerts that open or clear are sorted by topic code, so that one minute's alerts come
    // out in the same order however the window was summed (its topics' order depends on that).
    List<Alert> changed = new ArrayList<>();
    for (String topic : topics) {
      long calls = w.calls(topic);
      double share = Math.max(usual.calls(topic), 0.5) / Math.max(usual.classified, 1);
      double expected = share * w.classified;
      double z = (calls - expected) / Math.sqrt(Math.max(expected, 1.0));
      // Hysteresis: an open surge stays open while the topic is still at least halfway up, with
      // no minimum of calls, so the thin window after the lunch break does not clear it.
      boolean isOpen = open.contains(topic);
      double factor = isOpen ? 1 + (t.topicFactor() - 1) / 2 : t.topicFactor();
      double minZ = isOpen ? t.topicMinZ() / 2 : t.topicMinZ();
      boolean holds =
          judged
              && (isOpen || calls >= t.topicMinCalls())
              && calls >= factor * expected
              && z >= minZ;
      if (holds == isOpen) {
        continue; // nothing opens or clears: the latch would say so, after two reads of state
      }
      latch
          .observe(
              center,
              AlertRule.TOPIC_SURGE,
              topic,
              holds,
              at,
              calls,
              t.topicFactor() * expected,
              () ->
                  String.format(
                      Locale.ROOT,
                      "话题 %s 近%d分钟 %d 通（占 %.1f%%），按前%d天占比 %.1f%% 应约 %.1f 通",
                      topic,
                      t.topicWindow().toMinutes(),
                      calls,
                      w.classified == 0 ? 0.0 : 100.0 * calls / w.classified,
                      t.baselineDays(),
                      share * 100,
                      expected))
          .ifPresent(changed::add);
    }
    changed.sort(java.util.Comparator.comparing(Alert::subject));
    changed.forEach(out::collect);
  }

  /**
   * The calls of the minutes [at − length, at) of each rule's window: the sums of the minute before
   * slid on by one minute when they are at hand, else summed afresh. Both give the same counts, so
   * an evaluation does not depend on whether the job restarted in between.
   */
  private Windows windows(String center, long at) throws Exception {
    Windows before = windowSums.get(center);
    Windows w = before != null && before.at() == at - MINUTE ? slide(before, at) : sum(at);
    windowSums.put(center, w);
    return w;
  }

  /**
   * Each window summed minute by minute, reading the minutes by key: a map state's iteration walks
   * its whole table, which stays as large as the most minutes it ever held (thousands, in a
   * catch-up where the watermark lags far behind the calls).
   */
  private Windows sum(long at) throws Exception {
    long answerRateFrom = at - t.answerRateWindow().toMillis();
    long abandonmentFrom = at - t.abandonWindow().toMillis();
    long topicsFrom = at - t.topicWindow().toMillis();
    long from = Math.min(answerRateFrom, Math.min(abandonmentFrom, topicsFrom));
    Windows w = new Windows(at, new CallTally(), new CallTally(), new CallTally());
    for (long minute = firstMinuteFrom(from); minute < at; minute += MINUTE) {
      CallTally m = minutes.get(minute);
      if (m == null) {
        continue;
      }
      if (minute >= answerRateFrom) {
        w.answerRate().addRates(m);
      }
      if (minute >= abandonmentFrom) {
        w.abandonment().addRates(m);
      }
      if (minute >= topicsFrom) {
        w.topics().add(m);
      }
    }
    return w;
  }

  /**
   * The windows ending at {@code at}, from those ending a minute earlier: the minute just past
   * comes into each, and the one minute that has fallen out of each window's reach leaves it.
   * Minutes leave before they are dropped from state (they are kept for the longest window).
   */
  private Windows slide(Windows w, long at) throws Exception {
    CallTally in = minutes.get(at - MINUTE);
    if (in != null) {
      w.answerRate().addRates(in);
      w.abandonment().addRates(in);
      w.topics().add(in);
    }
    CallTally out = leaving(at, t.answerRateWindow().toMillis());
    if (out != null) {
      w.answerRate().subtractRates(out);
    }
    out = leaving(at, t.abandonWindow().toMillis());
    if (out != null) {
      w.abandonment().subtractRates(out);
    }
    out = leaving(at, t.topicWindow().toMillis());
    if (out != null) {
      w.topics().subtract(out);
    }
    return new Windows(at, w.answerRate(), w.abandonment(), w.topics());
  }

  /** The minute in the window of {@code length} ending a minute before {@code at}, not in it. */
  private CallTally leaving(long at, long length) throws Exception {
    return minutes.get(firstMinuteFrom(at - MINUTE - length));
  }

  private static long firstMinuteFrom(long millis) {
    return -Math.floorDiv(-millis, MINUTE) * MINUTE;
  }

  /** The calls of the baseline days: the full days before the day of {@code at}. */
  private CallTally baseline(String center, long at) throws Exception {
    long today = dayOf(at - 1);
    Baseline cached = baselines.get(center);
    if (cached != null && cached.today() == today) {
      return cached.sum();
    }
    CallTally sum = new CallTally();
    for (Map.Entry<Long, CallTally> e : days.entries()) {
      if (e.getKey() < today && e.getKey() >= today - t.baselineDays()) {
        sum.add(e.getValue());
      }
    }
    baselines.put(center, new Baseline(today, sum));
    return sum;
  }

  private void dropOldState(long at) throws Exception {
    dropMinutesBefore(at - t.longestWindow().toMillis());
    long oldestDay = dayOf(at - 1) - t.baselineDays();
    for (Iterator<Long> it = days.keys().iterator(); it.hasNext(); ) {
      if (it.next() < oldestDay) {
        it.remove();
      }
    }
    // A map emptied through its iterator still holds a state entry.
    if (minutes.isEmpty()) {
      minutes.clear();
    }
    if (days.isEmpty()) {
      days.clear();
    }
  }

  /**
   * Drops the minutes before {@code oldest}. Minutes are only kept from the watermark minus the
   * longest window on, so after the first time nothing older comes back, and each evaluation only
   * needs to drop the minutes since the last by key; only the first, or one after a long pause,
   * looks through the whole map.
   */
  private void dropMinutesBefore(long oldest) throws Exception {
    Long done = minutesDroppedBefore.value();
    if (done == null || oldest - done > MAX_MINUTES_DROPPED_BY_KEY * MINUTE) {
      for (Iterator<Long> it = minutes.keys().iterator(); it.hasNext(); ) {
        if (it.next() < oldest) {
          it.remove();
        }
      }
    } else {
      for (long minute = Math.floorDiv(done, MINUTE) * MINUTE; minute < oldest; minute += MINUTE) {
        minutes.remove(minute);
      }
    }
    minutesDroppedBefore.update(oldest);
  }

  private static final int MAX_MINUTES_DROPPED_BY_KEY = 24 * 60;

  /**
   * The first minute end at or after {@code at} worth evaluating: one whose minute is in service
   * hours, or, outside them, the one a longest window on, where old state is dropped. Evaluating
   * every minute of nights, weekends and holidays, which judge nothing, was four in five of this
   * function's timers.
   */
  private long nextEvaluation(long at) {
    long inside = hours.nextInside(at - 1);
    long judged = inside == Long.MAX_VALUE ? Long.MAX_VALUE : firstMinuteFrom(inside + 1);
    long dropOld = firstMinuteFrom(at - MINUTE + t.longestWindow().toMillis());
    return Math.min(judged, Math.max(at, dropOld));
  }

  private void schedule(org.apache.flink.streaming.api.TimerService timers, long at)
      throws Exception {
    nextEvaluation.update(at);
    timers.registerEventTimeTimer(at);
  }

  private static long dayOf(long epochMillis) {
    return ChinaTime.day(Instant.ofEpochMilli(epochMillis)).toEpochDay();
  }

  private static long orMin(Long v) {
    return v == null ? Long.MIN_VALUE : v;
  }

  private static CallTally orEmpty(CallTally t) {
    return t == null ? new CallTally() : t;
  }
}
