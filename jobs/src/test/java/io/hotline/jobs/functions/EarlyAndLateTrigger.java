package io.hotline.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a window when the watermark passes its end (the complete result), for every late element
 * within the allowed lateness (a corrected result), and — so that live dashboards are not a
 * watermark delay behind — a short processing-time interval after new elements arrive (an early,
 * partial result). Never purges: each firing emits the window's full counts so far.
 *
 * <p>Part of the minute windows the ingest job had before {@link CountPerMinute}, kept as the
 * reference that {@link CountPerMinuteTest} compares it with.
 */
public final class EarlyAndLateTrigger extends Trigger<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private static final ValueStateDescriptor<Long> EARLY_TIMER =
      new ValueStateDescriptor<>("early-timer", Types.LONG);

  private final long earlyIntervalMillis;

  public EarlyAndLateTrigger(Duration earlyInterval) {
    this.earlyIntervalMillis = earlyInterval.toMillis();
  }

  @Override
  public TriggerResult onElement(
      Object element, long timestamp, TimeWindow window, TriggerContext ctx) throws Exception {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) {
      return TriggerResult.FIRE; // late, within the allowed lateness: emit the corrected counts
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
    if (earlyIntervalMillis > 0 && early.value() == null) {
      long at = ctx.getCurrentProcessingTime() + earlyIntervalMillis;
      ctx.registerProcessingTimeTimer(at);
      early.update(at);
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx)
      throws Exception {
    ctx.getPartitionedState(EARLY_TIMER).clear();
    return TriggerResult.FIRE;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx)
      throws Exception {
    if (time != window.maxTimestamp()) {
      return TriggerResult.CONTINUE;
    }
    ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
    if (early.value() != null) {
      ctx.deleteProcessingTimeTimer(early.value());
      early.clear();
    }
    return TriggerResult.FIRE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
    ValueState<Long> early = ctx.getPartitionedState(EARLY_TIMER);
    if (early.value() != null) {
      ctx.deleteProcessingTimeTimer(early.value());
      early.clear();
    }
  }

  @Override
  public String toString() {
    return "EarlyAndLateTrigger(" + earlyIntervalMillis + " ms)";
  }
}
