package io.hotline.jobs.functions;

import io.hotline.jobs.records.MinuteRow;
import io.hotline.schemas.metrics.CallCounts;
import java.time.Instant;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a minute window's counts into a {@link MinuteRow} at every firing (early, on time, late),
 * remembering how many calls the minute had when it was first complete so that later updates are
 * counted as late events. Keyed by {@code line|centre}.
 *
 * <p>Part of the minute windows the ingest job had before {@link CountPerMinute}, kept as the
 * reference that {@link CountPerMinuteTest} compares it with.
 */
public final class EmitMinuteRow
    extends ProcessWindowFunction<CallCounts, MinuteRow, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  private static final ValueStateDescriptor<Long> ON_TIME_TOTAL =
      new ValueStateDescriptor<>("on-time-total", Types.LONG);

  @Override
  public void process(
      String key, Context ctx, Iterable<CallCounts> elements, Collector<MinuteRow> out)
      throws Exception {
    CallCounts counts = elements.iterator().next();
    ValueState<Long> onTime = ctx.windowState().getState(ON_TIME_TOTAL);
    boolean complete = ctx.currentWatermark() >= ctx.window().maxTimestamp();
    if (complete && onTime.value() == null) {
      onTime.update(counts.totalInbound);
    }
    long late = onTime.value() == null ? 0 : counts.totalInbound - onTime.value();
    int bar = key.indexOf('|');
    out.collect(
        new MinuteRow(
            Instant.ofEpochMilli(ctx.window().getStart()),
            key.substring(0, bar),
            key.substring(bar + 1),
            counts,
            late,
            counts.totalInbound));
  }

  @Override
  public void clear(Context ctx) throws Exception {
    ctx.windowState().getState(ON_TIME_TOTAL).clear();
  }
}
