package io.hotline.schemas.metrics;

import io.hotline.schemas.events.Cdr;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The additive components of every call metric for one group of calls (a minute of a centre, a day
 * of a province, a year of the nation): counts, sums and a one-second wait histogram. Groups merge
 * by adding, so any roll-up is exact; ratios are computed from these by {@link Metric} only.
 * Mutable, for aggregation; not thread-safe.
 */
public final class CallCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  public long totalInbound;
  public long ivrOnly;
  public long offered;
  public long answered;
  public long abandoned;
  public long shortAbandoned;
  public long outOfHours;
  public long voicemail;
  public long blocked;
  public long answeredWithin15s;
  public long answeredWithin20s;
  public long sat1;
  public long sat2;
  public long sat3;
  public long recordedAnswered;
  public long answeredWaitMs;
  public long abandonedWaitMs;
  public long talkMs;

  /**
   * Answered calls by whole seconds of wait (index = seconds, last index = 600 s and more), kept
   * only as long as the longest wait seen, because most groups are small.
   */
  public long[] waitHistogram = new long[0];

  /** Adds one valid call. */
  public CallCounts add(Cdr cdr) {
    return add(cdr, CallMeasures.of(cdr));
  }

  /** Adds one valid call whose measures are already computed. */
  public CallCounts add(Cdr cdr, CallMeasures m) {
    return add(m, cdr.satisfaction(), cdr.recordingId() != null);
  }

  /**
   * Adds one call from its measures, its survey answer (null if none) and whether it names a
   * recording: all that the components need, for callers that no longer hold the whole record.
   */
  public CallCounts add(CallMeasures m, Integer satisfaction, boolean namesRecording) {
    totalInbound++;
    ivrOnly += bit(m.ivrOnly());
    offered += bit(m.offered());
    answered += bit(m.answered());
    abandoned += bit(m.abandoned());
    shortAbandoned += bit(m.shortAbandoned());
    outOfHours += bit(m.outOfHours());
    voicemail += bit(m.voicemail());
    blocked += bit(m.blocked());
    answeredWithin15s += bit(m.answeredWithin(MetricDefinitions.SL15_MS));
    answeredWithin20s += bit(m.answeredWithin(MetricDefinitions.SL20_MS));
    if (satisfaction != null) {
      switch (satisfaction) {
        case 1 -> sat1++;
        case 2 -> sat2++;
        default -> sat3++;
      }
    }
    if (m.answered()) {
      answeredWaitMs += m.waitMs();
      talkMs += m.talkMs();
      addWait(MetricDefinitions.waitBucket(m.waitMs()), 1);
      recordedAnswered += bit(namesRecording);
    } else if (m.abandoned()) {
      abandonedWaitMs += m.waitMs();
    }
    return this;
  }

  /** Adds another group's components into this one. */
  public CallCounts merge(CallCounts o) {
    totalInbound += o.totalInbound;
    ivrOnly += o.ivrOnly;
    offered += o.offered;
    answered += o.answered;
    abandoned += o.abandoned;
    shortAbandoned += o.shortAbandoned;
    outOfHours += o.outOfHours;
    voicemail += o.voicemail;
    blocked += o.blocked;
    answeredWithin15s += o.answeredWithin15s;
    answeredWithin20s += o.answeredWithin20s;
    sat1 += o.sat1;
    sat2 += o.sat2;
    sat3 += o.sat3;
    recordedAnswered += o.recordedAnswered;
    answeredWaitMs += o.answeredWaitMs;
    abandonedWaitMs += o.abandonedWaitMs;
    talkMs += o.talkMs;
    for (int i = 0; i < o.waitHistogram.length; i++) {
      if (o.waitHistogram[i] != 0) {
        addWait(i, o.waitHistogram[i]);
      }
    }
    return this;
  }

  /** Adds {@code count} answered calls to a histogram bucket. */
  public void addWait(int bucket, long count) {
    if (bucket >= waitHistogram.length) {
      waitHistogram = Arrays.copyOf(waitHistogram, bucket + 1);
    }
    waitHistogram[bucket] += count;
  }

  /** A copy, so an emitted result is not changed by later aggregation. */
  public CallCounts copy() {
    return new CallCounts().merge(this);
  }

  private static int bit(boolean b) {
    return b ? 1 : 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CallCounts c)) {
      return false;
    }
    return totalInbound == c.totalInbound
        && ivrOnly == c.ivrOnly
        && offered == c.offered
        && answered == c.answered
        && abandoned == c.abandoned
        && shortAbandoned == c.shortAbandoned
        && outOfHours == c.outOfHours
        && voicemail == c.voicemail
        && blocked == c.blocked
        && answeredWithin15s == c.answeredWithin15s
        && answeredWithin20s == c.answeredWithin20s
        && sat1 == c.sat1
        && sat2 == c.sat2
        && sat3 == c.sat3
        && recordedAnswered == c.recordedAnswered
        && answeredWaitMs == c.answeredWaitMs
        && abandonedWaitMs == c.abandonedWaitMs
        && talkMs == c.talkMs
        && Arrays.equals(trimmed(waitHistogram), trimmed(c.waitHistogram));
  }

  @Override
  public int hashCode() {
    return Long.hashCode(totalInbound * 31 + answered);
  }

  private static long[] trimmed(long[] h) {
    int n = h.length;
    while (n > 0 && h[n - 1] == 0) {
      n--;
    }
    return Arrays.copyOf(h, n);
  }

  @Override
  public String toString() {
    return "CallCounts[inbound="
        + totalInbound
        + ", offered="
        + offered
        + ", answered="
        + answered
        + ", abandoned="
        + abandoned
        + "]";
  }
}
