package io.hotline.jobs.records;

import io.hotline.schemas.metrics.CallCounts;

/**
 * What the batch twin hands back to its client: a finished group, a dead letter, or the id of a
 * dropped duplicate — one stream, so one collect serves all three.
 */
public record BatchOutput(
    GroupKey key, CallCounts counts, DeadLetter deadLetter, String duplicateId) {
  public static BatchOutput group(GroupKey key, CallCounts counts) {
    return new BatchOutput(key, counts, null, null);
  }

  public static BatchOutput deadLetter(DeadLetter d) {
    return new BatchOutput(null, null, d, null);
  }

  public static BatchOutput duplicate(String id) {
    return new BatchOutput(null, null, null, id);
  }
}
