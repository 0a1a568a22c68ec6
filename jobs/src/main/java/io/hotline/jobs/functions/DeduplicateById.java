package io.hotline.jobs.functions;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * Lets the first event of each id through and drops later copies: upstream delivers at least once.
 * An id is recognised until the watermark passes its event's time plus the retention, an event-time
 * bound, so a replay of old data is treated exactly like the original run, and state does not grow
 * without limit. Dropped copies are counted in the accumulator {@code duplicates-<what>}.
 *
 * <p>Keyed by a group of ids, not by the id: {@link #bucketOf} the id (one of {@link #BUCKETS}), or
 * anything every copy of an event shares, such as the centre of a call. Each key keeps the
 * fingerprints of its ids in one {@link ExpiringIds} table and sweeps out the expired ones on one
 * timer at a time ({@link #sweepPeriod}). Keyed by id, every event cost a state entry and a timer
 * of its own (a national month holds a million ids within two days), and keeping, firing and
 * checkpointing those timers took a third of this operator's time.
 *
 * <p>A restored job's watermark starts over until its sources send theirs again, while expired ids
 * may wait for their sweep for hours; so decisions are made by the watermark this function kept
 * ({@link WatermarkKeepingFunction}), and a copy replayed after a restore is treated as it was
 * before the failure.
 *
 * @param <K> the key: a group of ids that holds every copy of an event
 * @param <T> the event type
 */
public final class DeduplicateById<K, T> extends WatermarkKeepingFunction<K, T, T> {
  private static final long serialVersionUID = 1L;

  /**
   * How many buckets the ids are spread over. Part of the state's layout: a checkpoint taken with
   * another number cannot be resumed.
   */
  public static final int BUCKETS = 1024;

  /** The id of an event. */
  @FunctionalInterface
  public interface IdOf<T> extends Serializable {
    String idOf(T event);
  }

  private final String what;
  private final IdOf<T> id;
  private final long retentionMillis;
  private final long sweepMillis;
  private transient ValueState<long[]> seen;
  private transient LongCounter duplicates;

  /**
   * @param what what is de-duplicated, for the accumulator's name (e.g. {@code calls})
   * @param id the id of an event; the stream must be keyed so that every copy of an event has the
   *     same key, such as {@link #byBucket} of the same id
   * @param retention how long after its event time a copy is still recognised
   */
  public DeduplicateById(String what, IdOf<T> id, Duration retention) {
    this.what = what;
    this.id = id;
    this.retentionMillis = retention.toMillis();
    this.sweepMillis = sweepPeriod(retention);
  }

  /**
   * Expired ids are swept out at multiples of an eighth of the retention (six hours for two days),
   * not at once: a bucket keeps up to an eighth more ids than it must, and is swept eight times per
   * retention instead of at every expiry.
   */
  static long sweepPeriod(Duration retention) {
    return Math.max(1, retention.toMillis() / 8);
  }

  /** The bucket of an id: its String hash, mixed, so that similar ids spread evenly. */
  public static int bucketOf(String id) {
    int h = id.hashCode() * 0x9E3779B9;
    return (h ^ (h >>> 16)) & (BUCKETS - 1);
  }

  /** The key selector for a stream this function de-duplicates: the bucket of each event's id. */
  public static <T> KeySelector<T, Integer> byBucket(IdOf<T> id) {
    return event -> bucketOf(id.idOf(event));
  }

  /** The accumulator that counts dropped copies of {@code what}. */
  public static String accumulatorName(String what) {
    return "duplicates-" + what;
  }

  @Override
  public void open(OpenContext openContext) {
    seen =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "seen-ids", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    duplicates = getRuntimeContext().getLongCounter(accumulatorName(what));
  }

  @Override
  public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
    long[] fingerprint = Fingerprint128.of(id.idOf(event));
    long watermark = watermark(ctx.timerService());
    // The heap state backend hands out a private copy of the table while a checkpoint is being
    // written, so changing it in place never changes what the checkpoint holds.
    ExpiringIds ids = new ExpiringIds(seen.value());
    // An id whose expiry the watermark has passed is forgotten, swept out or not.
    if (ids.expiryOf(fingerprint[0], fingerprint[1]) > watermark) {
      duplicates.add(1L);
      return;
    }
    // A late event is measured from the watermark, not from its own old time, so it is not
    // forgotten at once and a second late copy is still caught.
    long base = Math.max(eventTime(ctx), watermark);
    long expiry = saturatingAdd(base, retentionMillis);
    ids.put(fingerprint[0], fingerprint[1], expiry);
    if (ids.sweepAt() == 0) {
      scheduleSweep(ids, expiry, ctx.timerService());
    }
    seen.update(ids.table());
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
    ExpiringIds ids = new ExpiringIds(seen.value());
    long earliest = ids.dropExpired(timestamp);
    if (ids.size() == 0) {
      seen.clear();
      return;
    }
    scheduleSweep(ids, earliest, ctx.timerService());
    seen.update(ids.table());
  }

  /** One pending timer per bucket: the first sweep at or after the earliest expiry. */
  private void scheduleSweep(ExpiringIds ids, long earliestExpiry, TimerService timers) {
    // 0 marks a bucket without a timer, so a sweep due at or before 0 (1970) is taken at 1 ms.
    long at = Math.max(1, firstSweepAtOrAfter(earliestExpiry, sweepMillis));
    ids.sweepAt(at);
    timers.registerEventTimeTimer(at);
  }

  static long firstSweepAtOrAfter(long millis, long period) {
    if (millis > Long.MAX_VALUE - period) {
      return Long.MAX_VALUE;
    }
    return Math.floorDiv(millis + period - 1, period) * period;
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
