package io.hotline.jobs.functions;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallCounts;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds calls into {@link CallCounts}: incremental, so a window keeps one small accumulator.
 *
 * <p>Part of the minute windows the ingest job had before {@link CountPerMinute}, kept as the
 * reference that {@link CountPerMinuteTest} compares it with.
 */
public final class CountCalls implements AggregateFunction<Cdr, CallCounts, CallCounts> {
  private static final long serialVersionUID = 1L;

  @Override
  public CallCounts createAccumulator() {
    return new CallCounts();
  }

  @Override
  public CallCounts add(Cdr cdr, CallCounts acc) {
    return acc.add(cdr);
  }

  @Override
  public CallCounts getResult(CallCounts acc) {
    return acc.copy();
  }

  @Override
  public CallCounts merge(CallCounts a, CallCounts b) {
    return a.merge(b);
  }
}
