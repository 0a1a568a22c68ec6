package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.metrics.CallMeasures;
import java.util.HashMap;
import java.util.Map;

/**
 * Additive counts of a centre's calls over a minute or a day, kept in the alert rules' state: the
 * answer and abandonment components and the calls per topic. A plain mutable class with public
 * fields so that Flink serialises it as a POJO.
 */
public final class CallTally {
  public long offered;
  public long answered;
  public long abandoned;

  /** Calls with a topic code (answered calls wrapped up by the agent). */
  public long classified;

  /** Calls per topic code. */
  public HashMap<String, Long> topics = new HashMap<>();

  public CallTally() {}

  /** Counts one call with the shared per-call definitions. */
  public CallTally add(Cdr c) {
    CallMeasures m = CallMeasures.of(c);
    offered += m.offered() ? 1 : 0;
    answered += m.answered() ? 1 : 0;
    abandoned += m.abandoned() ? 1 : 0;
    if (c.topic() != null && !c.topic().isEmpty()) {
      classified++;
      topics.merge(c.topic(), 1L, Long::sum);
    }
    return this;
  }

  /** Adds another tally's counts to this one. */
  public CallTally add(CallTally o) {
    offered += o.offered;
    answered += o.answered;
    abandoned += o.abandoned;
    classified += o.classified;
    for (Map.Entry<String, Long> e : o.topics.entrySet()) {
      topics.merge(e.getKey(), e.getValue(), Long::sum);
    }
    return this;
  }

  public long topic(String code) {
    return topics.getOrDefault(code, 0L);
  }
}
