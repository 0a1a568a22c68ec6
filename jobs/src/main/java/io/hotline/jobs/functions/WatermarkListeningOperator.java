package io.hotline.jobs.functions;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Flink's keyed process operator, telling its function each watermark after the timers it fired: a
 * function learns the watermark otherwise only from its next record or timer, so the one it keeps
 * in a checkpoint ({@link LastWatermark}) could be a step behind the operator's.
 *
 * <p>Use with {@code keyedStream.transform(name, type, new WatermarkListeningOperator<>(f))} in
 * place of {@code keyedStream.process(f)}.
 */
public final class WatermarkListeningOperator<K, I, O> extends KeyedProcessOperator<K, I, O> {
  private static final long serialVersionUID = 1L;

  /** A function that wants every watermark. */
  public interface Listener {
    void onWatermark(long watermark);
  }

  public <F extends KeyedProcessFunction<K, I, O> & Listener> WatermarkListeningOperator(
      F function) {
    super(function);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    super.processWatermark(mark);
    ((Listener) userFunction).onWatermark(mark.getTimestamp());
  }
}
