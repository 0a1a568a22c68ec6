package io.hotline.jobs.records;

import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;

/**
 * One call id waiting in the join of recordings with calls: the call and the (first) recording that
 * have arrived, either may still be missing, and the event time when the wait for the other runs
 * out. A plain mutable class with public fields, so that Flink keeps it as a POJO.
 */
public final class PendingMatch {
  public Cdr call;
  public Recording recording;

  /** When the wait runs out: the latest of the call's and the recording's end, plus the wait. */
  public long expiry = Long.MIN_VALUE;

  public PendingMatch() {}
}
