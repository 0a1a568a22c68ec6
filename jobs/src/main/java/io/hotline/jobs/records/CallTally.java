package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

  // Where each code is in the arrays: a day or a baseline holds a hundred codes, and summing
  // tallies
  // looked each one up by a linear search. Not part of the state (Flink skips transient fields): a
  // restored or copied tally builds it again on first use.
  private transient Map<String, Integer> index;

  // The array the index was built for: a deserialiser that sets new arrays makes it stale.
  private transient String[] indexed;

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
    return add(o, 1);
  }

  /**
   * Takes another tally's counts, added before, out of this one (a window sliding past a minute). A
   * topic whose calls come to zero keeps its place, with zero calls.
   */
  public CallTally subtract(CallTally o) {
    return add(o, -1);
  }

  private CallTally add(CallTally o, int sign) {
    addRates(o, sign);
    for (int i = 0; i < o.topicCodes.length; i++) {
      addTopic(o.topicCodes[i], sign * o.topicCalls[i]);
    }
    return this;
  }

  /**
   * Adds another tally's counts but not its topics: enough for the answer and abandonment rates,
   * and cheaper.
   */
  public CallTally addRates(CallTally o) {
    return addRates(o, 1);
  }

  /** Takes another tally's counts but not its topics, added before, out of this one. */
  public CallTally subtractRates(CallTally o) {
    return addRates(o, -1);
  }

  private CallTally addRates(CallTally o, int sign) {
    offered += sign * o.offered;
    answered += sign * o.answered;
    abandoned += sign * o.abandoned;
    classified += sign * o.classified;
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
      index.put(code, i);
      indexed = topicCodes;
    }
    topicCalls[i] += n;
  }

  private int indexOf(String code) {
    if (indexed != topicCodes) {
      index = new HashMap<>();
      for (int i = 0; i < topicCodes.length; i++) {
        index.put(topicCodes[i], i);
      }
      indexed = topicCodes;
    }
    Integer i = index.get(code);
    return i == null ? -1 : i;
  }
}
