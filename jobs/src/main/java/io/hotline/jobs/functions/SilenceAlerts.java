package io.hotline.jobs.functions;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.jobs.records.CenterBeat;
import io.hotline.schemas.ChinaTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The silence rule: a centre (the key) that sends no event for {@code silence} of service time.
 *
 * <p>Silence is judged in event time first: after each event of the centre, a timer waits for the
 * instant at which {@code silence} of service time has passed ({@link
 * ServiceHours#plusServiceTime}, so nights, weekends and holidays do not count, and silence that
 * starts on Friday evening can only alert on Monday morning). The timer fires when the job-wide
 * watermark — moved on by the other centres' events — passes that instant. So a replay of old data,
 * however fast, judges each centre against the other centres' data of the same time, and alerts
 * only if the centre really was silent then; wall-clock time plays no part.
 *
 * <p>When the whole stream goes quiet the watermark stops, and event time alone would never notice
 * a total outage. As a fallback a processing-time timer waits the same span of wall-clock time
 * after the centre's last event arrived, but only if the job was live then (the event's time was
 * within {@code liveLag} of the wall clock): a replay or catch-up run is never live, so it can
 * never alert on wall-clock silence. Both paths open the alert at the same event-time instant, so
 * they give one alert id, and the latch keeps it single. The alert clears with the centre's next
 * event.
 */
public final class SilenceAlerts extends KeyedProcessFunction<String, CenterBeat, Alert> {
  private static final long serialVersionUID = 1L;

  private final String serviceHoursKey;
  private final String serviceHoursText;
  private final long silenceMillis;
  private final long liveLagMillis;
  private transient ServiceHours hours;
  private transient ValueState<Long> lastSeen;
  private transient ValueState<Long> eventTimer;
  private transient ValueState<Long> wallTimer;
  private transient AlertLatch latch;

  /** The latest event time this instance has seen, across its centres (not in state). */
  private transient long latestSeen;

  /**
   * @param serviceHoursKey the option the hours come from, for the error message
   * @param serviceHours the hours in which silence counts, {@code HH:mm-HH:mm,…}
   * @param silence how much service time without an event opens the alert
   * @param liveLag how far behind the wall clock an event may be for the job to count as live
   */
  public SilenceAlerts(
      String serviceHoursKey, String serviceHours, Duration silence, Duration liveLag) {
    this.serviceHoursKey = serviceHoursKey;
    this.serviceHoursText = serviceHours;
    this.silenceMillis = silence.toMillis();
    this.liveLagMillis = liveLag.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    hours = ServiceHours.parse(serviceHoursKey, serviceHoursText);
    latestSeen = Long.MIN_VALUE;
    lastSeen = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Types.LONG));
    eventTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("event-timer", Types.LONG));
    wallTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("wall-timer", Types.LONG));
    latch = AlertLatch.inState(getRuntimeContext());
  }

  @Override
  public void processElement(CenterBeat beat, Context ctx, Collector<Alert> out) throws Exception {
    long ts = beat.eventTimeMillis();
    latestSeen = Math.max(latestSeen, ts);
    Long last = lastSeen.value();
    if (last != null && ts <= last) {
      return; // an older event says nothing about the centre's latest sign of life
    }
    lastSeen.update(ts);
    double gap = last == null ? 0 : minutes(ts - last);
    latch
        .observe(beat.center(), AlertRule.CENTER_SILENT, "", false, ts, gap, 0, () -> "")
        .ifPresent(out::collect);
    long due = hours.plusServiceTime(ts, silenceMillis);
    replace(eventTimer, due, true, ctx);
    long now = ctx.timerService().currentProcessingTime();
    boolean live = now - ts <= liveLagMillis;
    replace(wallTimer, live && due != Long.MAX_VALUE ? now + (due - ts) : null, false, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    Long last = lastSeen.value();
    Long due = eventTimer.value();
    Long wall = wallTimer.value();
    boolean eventTime = ctx.timeDomain() == TimeDomain.EVENT_TIME;
    if (last == null || due == null || timestamp != (eventTime ? due : orZero(wall))) {
      return;
    }
    if (eventTime
        && ctx.timerService().currentWatermark() == Long.MAX_VALUE
        && timestamp > latestSeen) {
      // The end of a bounded input is no silence; but where the other centres' data ran on past
      // this centre's due time (a fast catch-up jumps the watermark there), it was silent.
      return;
    }
    // One path has decided; the other's timer goes.
    eventTimer.clear();
    wallTimer.clear();
    if (eventTime && wall != null) {
      ctx.timerService().deleteProcessingTimeTimer(wall);
    } else if (!eventTime) {
      ctx.timerService().deleteEventTimeTimer(due);
    }
    latch
        .observe(
            ctx.getCurrentKey(),
            AlertRule.CENTER_SILENT,
            "",
            true,
            due,
            minutes(due - last),
            minutes(silenceMillis),
            () ->
                String.format(
                    Locale.ROOT,
                    "服务时间内 %d 分钟未收到任何数据（最后一条数据时间 %s）",
                    silenceMillis / 60_000,
                    ChinaTime.local(Instant.ofEpochMilli(last))))
        .ifPresent(out::collect);
  }

  private void replace(ValueState<Long> timer, Long at, boolean eventTime, Context ctx)
      throws Exception {
    Long old = timer.value();
    if (old != null) {
      if (eventTime) {
        ctx.timerService().deleteEventTimeTimer(old);
      } else {
        ctx.timerService().deleteProcessingTimeTimer(old);
      }
    }
    if (at == null || at == Long.MAX_VALUE) {
      timer.clear();
      return;
    }
    timer.update(at);
    if (eventTime) {
      ctx.timerService().registerEventTimeTimer(at);
    } else {
      ctx.timerService().registerProcessingTimeTimer(at);
    }
  }

  private static double minutes(long millis) {
    return millis / 60_000.0;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
