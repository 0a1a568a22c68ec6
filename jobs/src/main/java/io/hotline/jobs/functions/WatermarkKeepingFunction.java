package io.hotline.jobs.functions;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * A keyed process function that judges by the highest watermark it has seen, kept in operator state
 * across restores ({@link #watermark}).
 *
 * <p>A restored job's watermark starts over until its sources send theirs again, and the records
 * replayed in the meantime would be judged as if nothing were late. Judged by the watermark the
 * function had seen before the failure, they are treated exactly as in the run that failed. The
 * function must run in a {@link WatermarkListeningOperator}, which hands it every watermark: a
 * function otherwise learns the watermark only from its next record or timer, and the one it kept
 * could be a step behind.
 */
public abstract class WatermarkKeepingFunction<K, I, O> extends KeyedProcessFunction<K, I, O>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  private transient ListState<Long> stored;
  private transient long watermark;

  @Override
  public final void initializeState(FunctionInitializationContext context) throws Exception {
    stored =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("watermark", Types.LONG));
    // Union state: after a rescale every instance gets every instance's watermark.
    watermark = Long.MIN_VALUE;
    for (Long w : stored.get()) {
      watermark = Math.max(watermark, w);
    }
  }

  @Override
  public final void snapshotState(FunctionSnapshotContext context) throws Exception {
    stored.update(List.of(watermark));
  }

  /** The operator's watermark advanced; called by {@link WatermarkListeningOperator}. */
  final void onWatermark(long operatorWatermark) {
    watermark = Math.max(watermark, operatorWatermark);
  }

  /** The watermark to judge by now: the operator's, or the restored one while that is ahead. */
  protected final long watermark(TimerService timers) {
    watermark = Math.max(watermark, timers.currentWatermark());
    return watermark;
  }
}
