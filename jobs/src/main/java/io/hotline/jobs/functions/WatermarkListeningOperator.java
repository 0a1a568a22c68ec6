package io.hotline.jobs.functions;

import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Flink's keyed process operator, handing each watermark to its {@link WatermarkKeepingFunction}
 * after the timers it fired, so that the watermark the function keeps in a checkpoint is the
 * operator's.
 *
 * <p>Use with {@code keyedStream.transform(name, type, new WatermarkListeningOperator<>(f))} in
 * place of {@code keyedStream.process(f)}.
 */
public final class WatermarkListeningOperator<K, I, O> extends KeyedProcessOperator<K, I, O> {
  private static final long serialVersionUID = 1L;

  public WatermarkListeningOperator(WatermarkKeepingFunction<K, I, O> function) {
    super(function);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    super.processWatermark(mark);
    ((WatermarkKeepingFunction<?, ?, ?>) userFunction).onWatermark(mark.getTimestamp());
  }
}
