package io.hotline.schemas.metrics;

/**
 * The settings of the national statistical definition (统一口径) that every metric shares. A change
 * here changes every number the product prints, so it bumps {@link #VERSION}, which reports print
 * beside their figures.
 */
public final class MetricDefinitions {
  /** Printed in reports and the dashboard, so a reader knows which definitions made a number. */
  public static final String VERSION = "metrics-v1";

  /** An abandoned call that waited less than this is a short abandon (default 5 s). */
  public static final long SHORT_ABANDON_MS = 5_000L;

  /** Service-level thresholds: GB/T 33358-2016 asks for 15 s; the industry's 80/20 uses 20 s. */
  public static final long SL15_MS = 15_000L;

  public static final long SL20_MS = 20_000L;

  /**
   * Wait histogram: bucket i counts waits in [i s, i+1 s); the last bucket holds 600 s and more.
   * One-second buckets give P50/P90/P95 to within one second up to ten minutes.
   */
  public static final int WAIT_HISTOGRAM_BUCKETS = 601;

  private MetricDefinitions() {}

  /** The histogram bucket of a wait. */
  public static int waitBucket(long waitMs) {
    return (int) Math.min(WAIT_HISTOGRAM_BUCKETS - 1, Math.max(0, waitMs / 1000));
  }
}
