package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;

/**
 * What the batch twin hands back to its client: a partial sum of a group (one per group and task;
 * the client adds them up), a dead letter, or a count of dropped repeats — one stream, so one
 * collect serves all three.
 */
public record BatchOutput(GroupKey key, CallCounts counts, DeadLetter deadLetter, long duplicates) {
  public static BatchOutput group(GroupKey key, CallCounts counts) {
    return new BatchOutput(key, counts, null, 0);
  }

  public static BatchOutput deadLetter(DeadLetter d) {
    return new BatchOutput(null, null, d, 0);
  }

  public static BatchOutput duplicates(long count) {
    return new BatchOutput(null, null, null, count);
  }
}
