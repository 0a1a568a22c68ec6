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
import java.util.NavigableSet;
import java.util.TreeSet;
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
    pendingByCenter = new HashMap<>();
  }

  /**
   * The end of the last working day on which a voicemail left at {@code leftAt} may be answered.
   */
  public long deadline(long leftAt) {
    long day = Math.floorDiv(leftAt + OFFSET_MILLIS, DAY_MILLIS);
    if (deadlineByDay == null) {
      deadlineByDay = new HashMap<>();
    }
    // Counting working days through the holiday calendar costs more than the rest of the rule.
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
    Long leftAt = pendingByCaller.get(caller);
    if (call.endReason() == EndReason.VOICEMAIL) {
      Long served = servedAtByCaller.get(caller);
      if (leftAt == null || (served != null && ended > served) || ended < leftAt) {
        NavigableSet<Pending> pending = pendingOf(ctx.getCurrentKey()); // before the state changes
        if (leftAt != null) {
          pending.remove(new Pending(leftAt, caller));
        }
        pendingByCaller.put(caller, ended);
        pending.add(new Pending(ended, caller));
        servedAtByCaller.remove(caller);
        long due = deadline(ended);
        ctx.timerService().registerEventTimeTimer(due);
        ctx.timerService().registerEventTimeTimer(due + forgetAfterMillis);
      }
    } else if (call.answeredAt() != null
        && leftAt != null
        && call.answeredAt().toEpochMilli() > leftAt
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
    String center = ctx.getCurrentKey();
    NavigableSet<Pending> pending = pendingOf(center);
    dropServed(timestamp, pending);
    dropForgotten(timestamp, pending);
    if (pending.isEmpty()) {
      pendingByCaller.clear(); // an emptied map still holds a state entry
      servedAtByCaller.clear();
      pendingByCenter.remove(center);
    }
    judge(center, timestamp, pending, out);
    if (pending.isEmpty() && latch.isEmpty()) {
      latest.clear();
    }
  }

  /** Callers served by the timer's instant: their voicemail is answered. */
  private void dropServed(long at, NavigableSet<Pending> pending) throws Exception {
    for (Iterator<Map.Entry<String, Long>> it = servedAtByCaller.iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() <= at) {
        Long leftAt = pendingByCaller.get(e.getKey());
        if (leftAt != null) {
          pending.remove(new Pending(leftAt, e.getKey()));
          pendingByCaller.remove(e.getKey());
        }
        it.remove();
      }
    }
  }

  /**
   * Voicemails unanswered {@code forgetAfter} past their deadline. Deadlines never decrease with
   * the time a voicemail was left, so these are the oldest.
   */
  private void dropForgotten(long at, NavigableSet<Pending> pending) throws Exception {
    while (!pending.isEmpty() && deadline(pending.first().leftAt()) + forgetAfterMillis <= at) {
      Pending p = pending.pollFirst();
      pendingByCaller.remove(p.caller());
      servedAtByCaller.remove(p.caller());
    }
  }

  private void judge(String center, long at, NavigableSet<Pending> pending, Collector<Alert> out)
      throws Exception {
    // The oldest voicemail is the first to fall due, so one look tells whether any is overdue.
    boolean overdue = !pending.isEmpty() && deadline(pending.first().leftAt()) <= at;
    if (overdue == latch.isOpen(AlertRule.VOICEMAIL_OVERDUE, "")) {
      return; // the latch would neither open nor clear
    }
    long count = 0;
    for (Pending p : pending) {
      if (deadline(p.leftAt()) > at) {
        break;
      }
      count++;
    }
    long total = count;
    long oldest = overdue ? pending.first().leftAt() : Long.MAX_VALUE;
    latch
        .observe(
            center,
            AlertRule.VOICEMAIL_OVERDUE,
            "",
            overdue,
            at,
            count,
            1,
            () ->
                String.format(
                    Locale.ROOT,
                    "%d 条留言超过 %d 个工作日未回复（最早留言于 %s）",
                    total,
                    workingDays,
                    ChinaTime.local(Instant.ofEpochMilli(oldest))))
        .ifPresent(out::collect);
  }

  /** A pending voicemail, ordered by when it was left. */
  record Pending(long leftAt, String caller) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int byTime = Long.compare(leftAt, o.leftAt);
      return byTime != 0 ? byTime : caller.compareTo(o.caller);
    }
  }

  /**
   * The centre's pending voicemails in the order they were left: a copy of {@code pendingByCaller},
   * built from it after a restore and kept in step with it, so that a timer looks at the voicemails
   * it concerns instead of at all of a month's.
   */
  private NavigableSet<Pending> pendingOf(String center) throws Exception {
    NavigableSet<Pending> pending = pendingByCenter.get(center);
    if (pending == null) {
      pending = new TreeSet<>();
      for (Map.Entry<String, Long> e : pendingByCaller.entries()) {
        pending.add(new Pending(e.getValue(), e.getKey()));
      }
      pendingByCenter.put(center, pending);
    }
    return pending;
  }

  // Derived from keyed state, so not state itself.
  private transient Map<String, NavigableSet<Pending>> pendingByCenter;
}
