package io.hotline.jobs.functions;

import io.hotline.jobs.records.CallMatch;
import io.hotline.jobs.records.MatchOutcome;
import io.hotline.jobs.records.PendingMatch;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.metrics.CallMeasures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins calls (first input) with recordings (second input) by {@code call_id}. Either may arrive
 * first: each waits in state until the other comes, or until the watermark passes {@code wait}
 * after the call's end (the recording's end for a recording alone), a bounded event-time wait.
 * Outcomes: matched (or a short recording, when it is shorter than {@code shortRatio} of the talk
 * time) as soon as both are there; an answered call without a recording, or a recording without a
 * call (orphan), when the wait runs out. Unanswered calls without a recording need no row. A call
 * id is gone from state once its wait has run out; a second recording of the same call is matched
 * too while the call is still in state.
 *
 * <p>Keyed by {@link #bucketOf} the call id, not by the call id: each of {@link #BUCKETS} buckets
 * keeps its waiting call ids in one map and has one timer, at the earliest time a wait there runs
 * out, which decides every wait the watermark has passed, found in order through a queue kept
 * beside the state. Keyed by call id, every answered call cost state entries and a timer of its
 * own, and registering, firing and clearing those was more than half of the join's time. The
 * outcomes are those of one timer per call id: a wait is decided at the first watermark at or past
 * its end, before any later event is seen.
 */
public final class MatchRecordings
    extends KeyedCoProcessFunction<Integer, Cdr, Recording, CallMatch> {
  private static final long serialVersionUID = 1L;

  /**
   * How many buckets the call ids are spread over: those of de-duplication. Part of the state's
   * layout: a checkpoint taken with another number cannot be resumed. A bucket has one timer at a
   * time, so fewer buckets would mean fewer timers, but 256 spread over Flink's 128 key groups left
   * some subtasks of a parallelism of 8 or 16 with three times the buckets of others.
   */
  public static final int BUCKETS = DeduplicateById.BUCKETS;

  private final long waitMillis;
  private final double shortRatio;
  private transient MapState<String, PendingMatch> waiting;

  // When the bucket's timer fires: never later than the earliest wait in it.
  private transient ValueState<Long> sweepAt;

  /**
   * The latest event time this instance has seen, across its keys: how far the data reached when a
   * bounded input ends. Not in state: after a restore it starts again from the replayed events.
   * Each subtask has its own, so with several, which waits are left open at the end of a bounded
   * input depends on how the call ids are spread over them (keyed by call id, they were spread
   * otherwise, and other waits near the end were left open).
   */
  private transient long latestSeen;

  /**
   * Each bucket's waits in the order they run out, so that a timer finds the due ones without
   * looking through the bucket: at national rates, looking through every bucket at every watermark
   * took 40 % of the join's time (a national profile; the timers' own work took much of the rest).
   * Derived from state, so not part of it: rebuilt from the bucket's map when the bucket is first
   * touched after a restore. An entry whose wait has been extended since it was queued is stale,
   * and skipped.
   */
  private transient Map<Integer, PriorityQueue<Due>> dueByBucket;

  /** When a call id's wait runs out; ordered by that time, then by call id. */
  private record Due(long expiry, String callId) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = Long.compare(expiry, o.expiry);
      return c != 0 ? c : callId.compareTo(o.callId);
    }
  }

  /**
   * @param wait how long, in event time, one side waits for the other
   * @param shortRatio a recording shorter than this share of the talk time is a duration mismatch
   */
  public MatchRecordings(Duration wait, double shortRatio) {
    this.waitMillis = wait.toMillis();
    this.shortRatio = shortRatio;
  }

  /** The bucket of a call id, the key of both inputs (that of {@link DeduplicateById}). */
  public static int bucketOf(String callId) {
    return DeduplicateById.bucketOf(callId);
  }

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "waiting", Types.STRING, TypeInformation.of(PendingMatch.class)));
    sweepAt = getRuntimeContext().getState(new ValueStateDescriptor<>("sweep-at", Types.LONG));
    latestSeen = Long.MIN_VALUE;
    dueByBucket = new HashMap<>();
  }

  @Override
  public void processElement1(Cdr c, Context ctx, Collector<CallMatch> out) throws Exception {
    latestSeen = Math.max(latestSeen, c.endedAt().toEpochMilli());
    PendingMatch p = orNew(waiting.get(c.callId()));
    if (p.call != null) {
      return; // repeated delivery; de-duplication upstream should have dropped it
    }
    p.call = c;
    if (p.recording != null) {
      out.collect(matched(c, p.recording, shortRatio));
    }
    waitUntil(c.callId(), p, c.endedAt().toEpochMilli() + waitMillis, ctx);
  }

  @Override
  public void processElement2(Recording r, Context ctx, Collector<CallMatch> out) throws Exception {
    PendingMatch p = orNew(waiting.get(r.callId()));
    if (p.recording != null && p.recording.recordingId().equals(r.recordingId())) {
      return;
    }
    if (p.recording == null) {
      p.recording = r;
    }
    if (p.call != null) {
      out.collect(matched(p.call, r, shortRatio));
    }
    waitUntil(r.callId(), p, r.startedAt().toEpochMilli() + r.durationMs() + waitMillis, ctx);
  }

  /**
   * Decides every wait in the bucket that the watermark has passed, in order of their ends (then
   * call ids), and sets the timer for the earliest one left.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CallMatch> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    // At the end of a bounded input (a run until caught up) the watermark jumps to the end of
    // time, often straight from far back in a fast catch-up: waits the data itself ran past are
    // decided as the watermark would have, those beyond the last event are left open (the other
    // side may come in a later run, and no row would have to be taken back).
    boolean endOfInput = watermark == Long.MAX_VALUE;
    long decideUpTo = endOfInput ? latestSeen : watermark;
    PriorityQueue<Due> due = dueOf(ctx.getCurrentKey());
    PendingMatch next = firstCurrent(due);
    while (next != null && next.expiry <= decideUpTo) {
      String callId = due.poll().callId();
      decide(next, out);
      waiting.remove(callId);
      next = firstCurrent(due);
    }
    if (next == null) {
      dueByBucket.remove(ctx.getCurrentKey());
      waiting.clear();
    }
    if (next == null || endOfInput) {
      sweepAt.clear();
    } else {
      sweepAt.update(next.expiry);
      ctx.timerService().registerEventTimeTimer(next.expiry);
    }
  }

  /**
   * The bucket's earliest wait, the one at the head of {@code due}, after dropping queued ends that
   * have since been extended; null when none is left.
   */
  private PendingMatch firstCurrent(PriorityQueue<Due> due) throws Exception {
    while (!due.isEmpty()) {
      Due first = due.peek();
      PendingMatch p = waiting.get(first.callId());
      if (p != null && p.expiry == first.expiry()) {
        return p;
      }
      due.poll();
    }
    return null;
  }

  /** The bucket's queue of waits, rebuilt from its state after a restore. */
  private PriorityQueue<Due> dueOf(int bucket) throws Exception {
    PriorityQueue<Due> due = dueByBucket.get(bucket);
    if (due == null) {
      due = new PriorityQueue<>();
      for (Map.Entry<String, PendingMatch> e : waiting.entries()) {
        due.add(new Due(e.getValue().expiry, e.getKey()));
      }
      dueByBucket.put(bucket, due);
    }
    return due;
  }

  /** The row of a call id whose wait ran out: no recording for an answered call, or an orphan. */
  private static void decide(PendingMatch p, Collector<CallMatch> out) {
    if (p.call != null && p.recording == null && p.call.answeredAt() != null) {
      out.collect(withoutRecording(p.call));
    } else if (p.call == null && p.recording != null) {
      out.collect(orphan(p.recording));
    }
  }

  /**
   * Extends the call id's wait to {@code at} if that is later; the bucket's timer is kept early.
   */
  private void waitUntil(String callId, PendingMatch p, long at, Context ctx) throws Exception {
    PriorityQueue<Due> due = dueOf(ctx.getCurrentKey()); // built before the state changes
    if (at > p.expiry) {
      p.expiry = at;
      due.add(new Due(at, callId));
    }
    waiting.put(callId, p);
    Long current = sweepAt.value();
    if (current != null && current <= p.expiry) {
      return;
    }
    if (current != null) {
      ctx.timerService().deleteEventTimeTimer(current);
    }
    sweepAt.update(p.expiry);
    ctx.timerService().registerEventTimeTimer(p.expiry);
  }

  private static PendingMatch orNew(PendingMatch p) {
    return p == null ? new PendingMatch() : p;
  }

  /** The row of a call and its recording. */
  static CallMatch matched(Cdr c, Recording r, double shortRatio) {
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

  /** The row of an answered call whose wait for a recording ran out. */
  static CallMatch withoutRecording(Cdr c) {
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

  /** The row of a recording whose wait for its call ran out. */
  static CallMatch orphan(Recording r) {
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
