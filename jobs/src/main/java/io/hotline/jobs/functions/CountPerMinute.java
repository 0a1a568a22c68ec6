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
 * key keeps its open minutes in one value ({@link OpenMinutes}), a minute gets one event-time timer
 * (its end), the key one early timer at a time, and minutes past the lateness are dropped at the
 * key's next firing, or on a timer of their own when none is due.
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
      emitLate(m, first, ctx, out);
    } else {
      holdUntilComplete(m, first, minutes, timers);
    }
    open.update(minutes);
  }

  /** A call within the allowed lateness: the corrected minute goes out at once. */
  private void emitLate(Minute m, boolean first, Context ctx, Collector<MinuteRow> out) {
    if (first) {
      // First seen after the watermark passed it: complete as it is now, and dropped at the end of
      // its lateness, since no other minute of the key may be left to fire before that.
      m.onTimeTotal = m.counts.totalInbound;
      ctx.timerService().registerEventTimeTimer(endOf(m.start) + latenessMillis);
    }
    m.unsent = false;
    out.collect(row(ctx.getCurrentKey(), m));
  }

  /** A call in a minute the watermark has not passed. */
  private void holdUntilComplete(
      Minute m, boolean first, OpenMinutes minutes, TimerService timers) {
    if (first) {
      timers.registerEventTimeTimer(endOf(m.start));
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
      completeAndForget(time, minutes, ctx, out);
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
   * The watermark reached {@code time}: minutes that end by then are complete and emitted, and
   * those whose lateness ended by then are dropped. Only minutes due by this timer's time are
   * handled, so rows come out in the order of the minutes' ends, as the watermark passes them.
   *
   * <p>The complete minutes are always the oldest: a minute is complete when the watermark has
   * passed its end, and one it has not passed ends later. So the minutes to complete are found by
   * walking back from the newest one due, past the incomplete ones only.
   */
  private void completeAndForget(
      long time, OpenMinutes minutes, OnTimerContext ctx, Collector<MinuteRow> out) {
    int due = minutes.countBefore(time - MINUTE + 2); // those with end <= time
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
    minutes.dropBefore(time - latenessMillis - MINUTE + 2);
    if (!minutes.isEmpty() && minutes.get(minutes.size() - 1).complete()) {
      // No minute's end is left to fire, so the oldest one's lateness needs a timer of its own.
      ctx.timerService().registerEventTimeTimer(endOf(minutes.get(0).start) + latenessMillis);
    }
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
