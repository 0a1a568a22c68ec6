package io.hotline.jobs.functions;

import io.hotline.jobs.records.MinuteRow;
import io.hotline.jobs.records.OpenMinutes;
import io.hotline.jobs.records.OpenMinutes.Minute;
import io.hotline.schemas.events.Cdr;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts calls per minute of event time, keyed by line × centre ({@link #keyOf}), and emits each
 * minute's {@link MinuteRow}:
 *
 * <ul>
 *   <li><b>early</b>, a processing-time interval after calls arrive, so that live dashboards are
 *       not a watermark delay behind;
 *   <li><b>complete</b>, when the watermark passes the minute;
 *   <li><b>corrected</b>, at once, for each call that arrives after that but within the allowed
 *       lateness; it is counted in the row's {@code lateEvents}.
 * </ul>
 *
 * Calls later than the allowed lateness go to the side output {@code tooLate}. Every row carries
 * the minute's full counts so far, its version being the number of calls counted.
 *
 * <p>Early rows differ slightly from the window operator's: a key has one early timer at a time,
 * not one per minute, so a minute whose first call lands while the key's timer is pending goes out
 * with that timer, sooner. The complete and corrected rows, and the too-late calls, are the same.
 *
 * <p>These are the rows Flink's tumbling event-time windows gave with an early-and-late trigger,
 * but at a fraction of the cost: at national rates most minutes of a line and centre hold a single
 * call, and the window operator kept, for each such minute, a state namespace, an event-time timer,
 * a clean-up timer and an early processing-time timer — timers were the job's largest cost. Here a
 * key keeps its open minutes in one value ({@link OpenMinutes}) and has one event-time timer and
 * one early timer at a time. The event-time timer is due at the first minute end or end of lateness
 * among its minutes; when it fires, every minute the watermark has passed is completed and every
 * minute past its lateness dropped, as a timer per minute would have at that watermark. (A timer
 * per minute was a third of this operator's time on a national month.)
 *
 * <p>Calls are judged late by the watermark this function kept ({@link WatermarkKeepingFunction}),
 * so that those replayed after a restore, before the sources' watermark catches up, count exactly
 * as they did before the failure; the window operator took them all as on time and let a minute
 * whose lateness had ended start again from them.
 */
public final class CountPerMinute extends WatermarkKeepingFunction<String, Cdr, MinuteRow> {
  private static final long serialVersionUID = 1L;

  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  private final long latenessMillis;
  private final long earlyMillis;
  private final OutputTag<Cdr> tooLate;

  private transient ValueState<OpenMinutes> open;

  /**
   * @param lateness how long after the watermark passes a minute its calls still update it
   * @param earlyInterval how soon after a call its minute's partial row is emitted; zero: never
   * @param tooLate where calls later than the lateness go
   */
  public CountPerMinute(Duration lateness, Duration earlyInterval, OutputTag<Cdr> tooLate) {
    this.latenessMillis = lateness.toMillis();
    this.earlyMillis = earlyInterval.toMillis();
    this.tooLate = tooLate;
  }

  /** The key of a call's minute stream. */
  public static String keyOf(String line, String center) {
    return line + "|" + center;
  }

  @Override
  public void open(OpenContext context) {
    open =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("open-minutes", TypeInformation.of(OpenMinutes.class)));
  }

  @Override
  public void processElement(Cdr call, Context ctx, Collector<MinuteRow> out) throws Exception {
    long start = TimeWindow.getWindowStartWithOffset(ctx.timestamp(), 0, MINUTE);
    long end = endOf(start);
    TimerService timers = ctx.timerService();
    long watermark = watermark(timers);
    if (end + latenessMillis <= watermark) {
      ctx.output(tooLate, call);
      return;
    }
    OpenMinutes minutes = open.value();
    if (minutes == null) {
      minutes = new OpenMinutes();
    }
    Minute m = minutes.find(start);
    boolean first = m == null;
    if (first) {
      m = minutes.add(start);
    }
    m.counts.add(call);
    if (end <= watermark) {
      emitLate(m, first, minutes, ctx, out);
    } else {
      holdUntilComplete(m, first, minutes, timers);
    }
    open.update(minutes);
  }

  /** A call within the allowed lateness: the corrected minute goes out at once. */
  private void emitLate(
      Minute m, boolean first, OpenMinutes minutes, Context ctx, Collector<MinuteRow> out) {
    if (first) {
      // First seen after the watermark passed it: complete as it is now, and dropped at the end of
      // its lateness.
      m.onTimeTotal = m.counts.totalInbound;
      dueBy(endOf(m.start) + latenessMillis, minutes, ctx.timerService());
    }
    m.unsent = false;
    out.collect(row(ctx.getCurrentKey(), m));
  }

  /** A call in a minute the watermark has not passed. */
  private void holdUntilComplete(
      Minute m, boolean first, OpenMinutes minutes, TimerService timers) {
    if (first) {
      dueBy(endOf(m.start), minutes, timers);
    }
    m.unsent = true;
    if (earlyMillis > 0 && minutes.earlyAt == 0) {
      minutes.earlyAt = timers.currentProcessingTime() + earlyMillis;
      timers.registerProcessingTimeTimer(minutes.earlyAt);
    }
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<MinuteRow> out) throws Exception {
    OpenMinutes minutes = open.value();
    if (minutes == null) {
      return;
    }
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      emitEarly(time, minutes, ctx, out);
    } else {
      completeAndForget(minutes, ctx, out);
    }
    if (minutes.isEmpty()) {
      if (minutes.earlyAt != 0) {
        ctx.timerService().deleteProcessingTimeTimer(minutes.earlyAt);
      }
      open.clear();
    } else {
      open.update(minutes);
    }
  }

  /** The early firing: every minute with calls not yet in a row. */
  private void emitEarly(
      long time, OpenMinutes minutes, OnTimerContext ctx, Collector<MinuteRow> out) {
    if (time != minutes.earlyAt) {
      return; // set before the key's minutes were all dropped; a newer firing is pending
    }
    minutes.earlyAt = 0;
    for (int i = 0; i < minutes.size(); i++) {
      Minute m = minutes.get(i);
      if (m.unsent) {
        m.unsent = false;
        out.collect(row(ctx.getCurrentKey(), m));
      }
    }
  }

  /**
   * The key's event-time timer: every minute the watermark has passed is complete and emitted, in
   * the order of the minutes' ends, and those whose lateness it has passed are dropped; then the
   * timer is set for the next of these. Decided by the watermark, not by the timer's own time, so
   * that a watermark that passes many minutes at once fires one timer, not one per minute, with the
   * rows a timer per minute would give at that watermark.
   *
   * <p>The complete minutes are always the oldest: a minute is complete when the watermark has
   * passed its end, and one it has not passed ends later. So the minutes to complete are found by
   * walking back from the newest one due, past the incomplete ones only.
   */
  private void completeAndForget(
      OpenMinutes minutes, OnTimerContext ctx, Collector<MinuteRow> out) {
    minutes.dueAt = Long.MAX_VALUE; // this was the key's timer
    long watermark = ctx.timerService().currentWatermark();
    int due = minutes.countBefore(watermark - MINUTE + 2); // those with end <= watermark
    int first = due;
    while (first > 0 && !minutes.get(first - 1).complete()) {
      first--;
    }
    for (int i = first; i < due; i++) {
      Minute m = minutes.get(i);
      m.onTimeTotal = m.counts.totalInbound;
      m.unsent = false;
      out.collect(row(ctx.getCurrentKey(), m));
    }
    // Dropped after completing: with no lateness, a minute ends and is forgotten at once.
    minutes.dropBefore(watermark - latenessMillis - MINUTE + 2);
    if (minutes.isEmpty()) {
      return;
    }
    long next = endOf(minutes.get(0).start) + latenessMillis;
    int open = minutes.countBefore(watermark - MINUTE + 2);
    if (open < minutes.size()) {
      next = Math.min(next, endOf(minutes.get(open).start));
    }
    dueBy(next, minutes, ctx.timerService());
  }

  /** Keeps the key's one event-time timer at {@code at} or earlier. */
  private static void dueBy(long at, OpenMinutes minutes, TimerService timers) {
    if (at >= minutes.dueAt) {
      return;
    }
    if (minutes.dueAt != Long.MAX_VALUE) {
      timers.deleteEventTimeTimer(minutes.dueAt);
    }
    minutes.dueAt = at;
    timers.registerEventTimeTimer(at);
  }

  private static long endOf(long start) {
    return start + MINUTE - 1; // a window's last millisecond, as Flink's TimeWindow.maxTimestamp
  }

  private static MinuteRow row(String key, Minute m) {
    int bar = key.indexOf('|');
    return new MinuteRow(
        Instant.ofEpochMilli(m.start),
        key.substring(0, bar),
        key.substring(bar + 1),
        m.counts.copy(), // the row must not change when the minute counts on
        m.lateEvents(),
        m.counts.totalInbound);
  }
}
