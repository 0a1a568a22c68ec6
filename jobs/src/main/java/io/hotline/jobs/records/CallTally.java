package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import java.util.Arrays;

/**
 * Additive counts of a centre's calls over a minute or a day, kept in the alert rules' state: the
 * answer and abandonment components and the calls per topic. A plain mutable class with public
 * fields and arrays (no collections), so that Flink serialises it as a POJO and never falls back to
 * Kryo.
 */
public final class CallTally {
  public long offered;
  public long answered;
  public long abandoned;

  /** Calls with a topic code (answered calls wrapped up by the agent). */
  public long classified;

  /** Topic codes seen, in order of first appearance; {@link #topicCalls} holds their counts. */
  public String[] topicCodes = new String[0];

  public long[] topicCalls = new long[0];

  public CallTally() {}

  /** Counts one call with the shared per-call definitions. */
  public CallTally add(Cdr c) {
    CallMeasures m = CallMeasures.of(c);
    offered += m.offered() ? 1 : 0;
    answered += m.answered() ? 1 : 0;
    abandoned += m.abandoned() ? 1 : 0;
    if (c.topic() != null && !c.topic().isEmpty()) {
      classified++;
      addTopic(c.topic(), 1);
    }
    return this;
  }

  /** Adds another tally's counts to this one. */
  public CallTally add(CallTally o) {
    offered += o.offered;
    answered += o.answered;
    abandoned += o.abandoned;
    classified += o.classified;
    for (int i = 0; i < o.topicCodes.length; i++) {
      addTopic(o.topicCodes[i], o.topicCalls[i]);
    }
    return this;
  }

  /** Calls about one topic code. */
  public long calls(String code) {
    int i = indexOf(code);
    return i < 0 ? 0 : topicCalls[i];
  }

  private void addTopic(String code, long n) {
    int i = indexOf(code);
    if (i < 0) {
      i = topicCodes.length;
      topicCodes = Arrays.copyOf(topicCodes, i + 1);
      topicCalls = Arrays.copyOf(topicCalls, i + 1);
      topicCodes[i] = code;
    }
    topicCalls[i] += n;
  }

  private int indexOf(String code) {
    for (int i = 0; i < topicCodes.length; i++) {
      if (topicCodes[i].equals(code)) {
        return i;
      }
    }
    return -1;
  }
}
