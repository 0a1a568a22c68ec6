package io.hotline.jobs.functions;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.streaming.api.TimerService;

/**
 * The highest watermark a keyed function has seen, kept in operator state across restores.
 *
 * <p>A restored job's watermark starts over until its sources send theirs again, and the records
 * replayed in the meantime would be judged as if nothing were late. Judged by the watermark the
 * function had seen before the failure, they are treated exactly as in the run that failed. The
 * function must run in a {@link WatermarkListeningOperator} and pass each watermark on to {@link
 * #advanceTo}.
 */
final class LastWatermark {
  private ListState<Long> stored;
  private long watermark = Long.MIN_VALUE;

  /** Restores the watermark; call from {@code initializeState}. */
  void initialize(FunctionInitializationContext context) throws Exception {
    stored =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("watermark", Types.LONG));
    // Union state: after a rescale every instance gets every instance's watermark.
    for (Long w : stored.get()) {
      watermark = Math.max(watermark, w);
    }
  }

  /** Keeps the watermark in the checkpoint; call from {@code snapshotState}. */
  void snapshot() throws Exception {
    stored.update(List.of(watermark));
  }

  /** The operator's watermark advanced. */
  void advanceTo(long operatorWatermark) {
    watermark = Math.max(watermark, operatorWatermark);
  }

  /** The watermark to judge by now: the operator's, or the restored one while that is ahead. */
  long now(TimerService timers) {
    watermark = Math.max(watermark, timers.currentWatermark());
    return watermark;
  }
}
