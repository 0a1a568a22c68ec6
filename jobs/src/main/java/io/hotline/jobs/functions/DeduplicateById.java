package io.hotline.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets the first event of each id through and drops later copies: upstream delivers at least once.
 * Keyed by the event id. The "seen" flag is kept until the watermark passes the event's time plus
 * the retention, an event-time bound, so a replay of old data is treated exactly like the original
 * run, and state does not grow without limit. Dropped copies are counted in the accumulator {@code
 * duplicates-<what>}.
 *
 * @param <T> the event type
 */
public final class DeduplicateById<T> extends KeyedProcessFunction<String, T, T> {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final long retentionMillis;
  private transient ValueState<Long> expiresAt;
  private transient LongCounter duplicates;

  /**
   * @param what what is de-duplicated, for the accumulator's name (e.g. {@code calls})
   * @param retention how long after its event time a copy is still recognised
   */
  public DeduplicateById(String what, Duration retention) {
    this.what = what;
    this.retentionMillis = retention.toMillis();
  }

  /** The accumulator that counts dropped copies of {@code what}. */
  public static String accumulatorName(String what) {
    return "duplicates-" + what;
  }

  /** Ids of dropped copies, for callers that report them (the batch twin counts them). */
  public static final OutputTag<String> DUPLICATE_IDS = new OutputTag<>("duplicate-ids") {};

  @Override
  public void open(OpenContext openContext) {
    expiresAt = getRuntimeContext().getState(new ValueStateDescriptor<>("expires-at", Types.LONG));
    duplicates = getRuntimeContext().getLongCounter(accumulatorName(what));
  }

  @Override
  public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
    if (expiresAt.value() != null) {
      duplicates.add(1L);
      ctx.output(DUPLICATE_IDS, ctx.getCurrentKey());
      return;
    }
    // A late event is measured from the watermark, not from its own old time, so its flag is not
    // cleared at once and a second late copy is still caught.
    long base = Math.max(eventTime(ctx), ctx.timerService().currentWatermark());
    long expiry = saturatingAdd(base, retentionMillis);
    expiresAt.update(expiry);
    ctx.timerService().registerEventTimeTimer(expiry);
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
    expiresAt.clear();
  }

  private long eventTime(Context ctx) {
    Long ts = ctx.timestamp();
    return ts == null ? Long.MIN_VALUE : ts;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }
}
