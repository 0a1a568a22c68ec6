package io.hotline.jobs.functions;

import io.hotline.jobs.records.CallMatch;
import io.hotline.jobs.records.MatchOutcome;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.metrics.CallMeasures;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins calls (first input) with recordings (second input) by {@code call_id}, the key. Either may
 * arrive first: each waits in state until the other comes, or until the watermark passes {@code
 * wait} after the call's end (the recording's end for a recording alone), a bounded event-time
 * wait. Outcomes: matched (or a short recording, when it is shorter than {@code shortRatio} of the
 * talk time) as soon as both are there; an answered call without a recording, or a recording
 * without a call (orphan), when the wait runs out. Unanswered calls without a recording need no
 * row. State and the timer are gone after the wait; a second recording of the same call is matched
 * too while the call is still in state.
 */
public final class MatchRecordings
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
  public MatchRecordings(Duration wait, double shortRatio) {
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
      out.collect(matched(c, r));
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
      out.collect(matched(c, r));
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
      out.collect(withoutRecording(c));
    } else if (c == null && r != null) {
      out.collect(orphan(r));
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

  private CallMatch matched(Cdr c, Recording r) {
    Long talk = CallMeasures.of(c).talkMs();
    boolean isShort = talk != null && talk > 0 && r.durationMs() < shortRatio * talk;
    return new CallMatch(
        c.callId(),
        r.recordingId(),
        c.center(),
        CallMeasures.countedAt(c),
        isShort ? MatchOutcome.SHORT_RECORDING : MatchOutcome.MATCHED,
        c.answeredAt() != null,
        talk,
        r.durationMs());
  }

  private static CallMatch withoutRecording(Cdr c) {
    Instant at = CallMeasures.countedAt(c);
    return new CallMatch(
        c.callId(),
        "",
        c.center(),
        at,
        MatchOutcome.NO_RECORDING,
        true,
        CallMeasures.of(c).talkMs(),
        null);
  }

  private static CallMatch orphan(Recording r) {
    return new CallMatch(
        r.callId(),
        r.recordingId(),
        r.center(),
        r.startedAt(),
        MatchOutcome.ORPHAN,
        false,
        null,
        r.durationMs());
  }
}
