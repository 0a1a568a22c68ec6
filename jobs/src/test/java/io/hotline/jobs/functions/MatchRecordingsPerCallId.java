package io.hotline.jobs.functions;

import io.hotline.jobs.records.CallMatch;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The join of recordings with calls as it was before {@link MatchRecordings} kept its call ids in
 * buckets: keyed by call id, with one timer per call id. Kept as the reference that the bucketed
 * join must agree with ({@code MatchRecordingsTest}); the rows come from the same builders.
 */
final class MatchRecordingsPerCallId
    extends KeyedCoProcessFunction<String, Cdr, Recording, CallMatch> {
  private static final long serialVersionUID = 1L;

  private final long waitMillis;
  private final double shortRatio;
  private transient ValueState<Cdr> call;
  private transient ValueState<Recording> recording;
  private transient ValueState<Long> expiry;

  /**
   * The latest event time this instance has seen, across its keys: how far the data reached when a
   * bounded input ends. Not in state: after a restore it starts again from the replayed events.
   */
  private transient long latestSeen;

  /**
   * @param wait how long, in event time, one side waits for the other
   * @param shortRatio a recording shorter than this share of the talk time is a duration mismatch
   */
  MatchRecordingsPerCallId(Duration wait, double shortRatio) {
    this.waitMillis = wait.toMillis();
    this.shortRatio = shortRatio;
  }

  @Override
  public void open(OpenContext openContext) {
    call =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("call", TypeInformation.of(Cdr.class)));
    recording =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("recording", TypeInformation.of(Recording.class)));
    expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
    latestSeen = Long.MIN_VALUE;
  }

  @Override
  public void processElement1(Cdr c, Context ctx, Collector<CallMatch> out) throws Exception {
    latestSeen = Math.max(latestSeen, c.endedAt().toEpochMilli());
    if (call.value() != null) {
      return; // repeated delivery; de-duplication upstream should have dropped it
    }
    call.update(c);
    Recording r = recording.value();
    if (r != null) {
      out.collect(MatchRecordings.matched(c, r, shortRatio));
    }
    waitUntil(c.endedAt().toEpochMilli() + waitMillis, ctx);
  }

  @Override
  public void processElement2(Recording r, Context ctx, Collector<CallMatch> out) throws Exception {
    Recording first = recording.value();
    if (first != null && first.recordingId().equals(r.recordingId())) {
      return;
    }
    if (first == null) {
      recording.update(r);
    }
    Cdr c = call.value();
    if (c != null) {
      out.collect(MatchRecordings.matched(c, r, shortRatio));
    }
    waitUntil(r.startedAt().toEpochMilli() + r.durationMs() + waitMillis, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CallMatch> out)
      throws Exception {
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > latestSeen) {
      // The end of a bounded input (a run until caught up), where the watermark jumps to the end
      // of time, often straight from far back in a fast catch-up: waits the data itself ran past
      // are decided as the watermark would have, those beyond the last event are left open (the
      // other side may come in a later run, and no row would have to be taken back).
      return;
    }
    Cdr c = call.value();
    Recording r = recording.value();
    if (c != null && r == null && c.answeredAt() != null) {
      out.collect(MatchRecordings.withoutRecording(c));
    } else if (c == null && r != null) {
      out.collect(MatchRecordings.orphan(r));
    }
    call.clear();
    recording.clear();
    expiry.clear();
  }

  /** Extends the wait to {@code at} if that is later; one timer per call id. */
  private void waitUntil(long at, Context ctx) throws Exception {
    Long current = expiry.value();
    if (current != null && current >= at) {
      return;
    }
    if (current != null) {
      ctx.timerService().deleteEventTimeTimer(current);
    }
    expiry.update(at);
    ctx.timerService().registerEventTimeTimer(at);
  }
}
