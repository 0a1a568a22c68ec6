package io.hotline.schemas.metrics;

/**
 * Percentiles of answered waits from the one-second histogram: the lower edge of the bucket that
 * holds the call of rank ⌈p·n⌉, so the true value lies within one second above it (up to 600 s).
 */
final class WaitPercentiles {
  private WaitPercentiles() {}

  static Double of(CallCounts c, double p) {
    long n = 0;
    for (long v : c.waitHistogram) {
      n += v;
    }
    if (n == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(p * n));
    long seen = 0;
    for (int bucket = 0; bucket < c.waitHistogram.length; bucket++) {
      seen += c.waitHistogram[bucket];
      if (seen >= rank) {
        return (double) bucket;
      }
    }
    return (double) (c.waitHistogram.length - 1);
  }
}
