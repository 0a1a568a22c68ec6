package io.hotline.jobs.functions;

import io.hotline.jobs.records.Alert;
import io.hotline.jobs.records.AlertRule;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EndReason;
import io.hotline.schemas.reference.HolidayCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The voicemail rule, per centre (the key): every voicemail must be answered within {@code
 * workingDays} working days (留言三个工作日内答复; days off from {@link HolidayCalendar}); the alert is open
 * while at least one of the centre's voicemails is past that deadline without a callback, and
 * clears when none is.
 *
 * <p>The contract has no record of outbound callbacks, so the only evidence it carries that a
 * caller was attended to is a later call from the same (pseudonymised) caller to the same centre
 * that an agent answered; that closes the caller's pending voicemail from the instant that call
 * ended (so every decision is taken by an event-time timer, and a replay gives the same alerts). A
 * voicemail still unanswered {@code forgetAfter} past its deadline is dropped from state (and from
 * the count), so state stays bounded. Deadlines are the end of the last allowed working day (China
 * time), in event time.
 */
public final class VoicemailAlerts extends KeyedProcessFunction<String, Cdr, Alert> {
  private static final long serialVersionUID = 1L;

  private final int workingDays;
  private final long forgetAfterMillis;
  private transient MapState<String, Long> pendingByCaller;
  private transient MapState<String, Long> servedAtByCaller;
  private transient ValueState<Long> latest;
  private transient AlertLatch latch;

  public VoicemailAlerts(int workingDays, Duration forgetAfter) {
    this.workingDays = workingDays;
    this.forgetAfterMillis = forgetAfter.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    pendingByCaller =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("left-at-by-caller", Types.STRING, Types.LONG));
    servedAtByCaller =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("served-at-by-caller", Types.STRING, Types.LONG));
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", Types.LONG));
    latch = AlertLatch.inState(getRuntimeContext());
  }

  /**
   * The end of the last working day on which a voicemail left at {@code leftAt} may be answered.
   */
  public long deadline(long leftAt) {
    long day = Math.floorDiv(leftAt + OFFSET_MILLIS, DAY_MILLIS);
    if (deadlineByDay == null) {
      deadlineByDay = new HashMap<>();
    }
    // Every timer looks at the deadline of each pending voicemail, and counting working days
    // through the holiday calendar cost more than the rest of the rule.
    return deadlineByDay.computeIfAbsent(day, this::deadlineOfDay);
  }

  private long deadlineOfDay(long chinaEpochDay) {
    LocalDate last =
        HolidayCalendar.standard().addWorkingDays(LocalDate.ofEpochDay(chinaEpochDay), workingDays);
    return ChinaTime.startOf(last.plusDays(1)).toEpochMilli();
  }

  private static final long DAY_MILLIS = 86_400_000L;
  private static final long OFFSET_MILLIS = ChinaTime.OFFSET.getTotalSeconds() * 1000L;

  // Deadlines by China day of the voicemail; derived from the calendar, so not state.
  private transient Map<Long, Long> deadlineByDay;

  @Override
  public void processElement(Cdr call, Context ctx, Collector<Alert> out) throws Exception {
    long ended = call.endedAt().toEpochMilli();
    if (latest.value() == null || ended > latest.value()) {
      latest.update(ended);
    }
    String caller = call.caller();
    Long pending = pendingByCaller.get(caller);
    if (call.endReason() == EndReason.VOICEMAIL) {
      Long served = servedAtByCaller.get(caller);
      if (pending == null || (served != null && ended > served) || ended < pending) {
        pendingByCaller.put(caller, ended);
        servedAtByCaller.remove(caller);
        long due = deadline(ended);
        ctx.timerService().registerEventTimeTimer(due);
        ctx.timerService().registerEventTimeTimer(due + forgetAfterMillis);
      }
    } else if (call.answeredAt() != null
        && pending != null
        && call.answeredAt().toEpochMilli() > pending
        && !servedAtByCaller.contains(caller)) {
      // Served when the answered call ended, the instant the platform sent it: judged by a timer
      // at that instant, so the alert clears at the same event time however the input is read.
      servedAtByCaller.put(caller, ended);
      ctx.timerService().registerEventTimeTimer(ended);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    Long last = latest.value();
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE
        && (last == null || timestamp > last)) {
      // The end of a bounded input: past the centre's last call, whether callers were served is
      // not known.
      return;
    }
    for (Iterator<Map.Entry<String, Long>> it = pendingByCaller.iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      Long served = servedAtByCaller.get(e.getKey());
      if ((served != null && served <= timestamp)
          || deadline(e.getValue()) + forgetAfterMillis <= timestamp) {
        it.remove();
        servedAtByCaller.remove(e.getKey());
      }
    }
    if (pendingByCaller.isEmpty()) {
      pendingByCaller.clear(); // an emptied map still holds a state entry
      servedAtByCaller.clear();
    }
    judge(ctx.getCurrentKey(), timestamp, out);
    if (pendingByCaller.isEmpty() && latch.isEmpty()) {
      latest.clear();
    }
  }

  private void judge(String center, long at, Collector<Alert> out) throws Exception {
    long overdue = 0;
    long oldest = Long.MAX_VALUE;
    for (Long leftAt : pendingByCaller.values()) {
      if (deadline(leftAt) <= at) {
        overdue++;
        oldest = Math.min(oldest, leftAt);
      }
    }
    long count = overdue;
    long first = oldest;
    latch
        .observe(
            center,
            AlertRule.VOICEMAIL_OVERDUE,
            "",
            overdue > 0,
            at,
            overdue,
            1,
            () ->
                String.format(
                    Locale.ROOT,
                    "%d 条留言超过 %d 个工作日未回复（最早留言于 %s）",
                    count,
                    workingDays,
                    ChinaTime.local(Instant.ofEpochMilli(first))))
        .ifPresent(out::collect);
  }
}
