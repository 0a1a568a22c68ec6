package io.hotline.schemas.trends;

/**
 * The knobs of the rising-topic test, with the defaults the dashboard, the annual report and {@code
 * hotline trends} share.
 *
 * @param falseDiscoveryRate the Benjamini–Hochberg level: of the topics flagged, at most this share
 *     are expected to be flukes
 * @param minCount a topic needs at least this many calls in the period to be called rising
 * @param minLift and at least this many times its expected count (a 3% rise on a large topic can be
 *     "significant" and still not worth an analyst's time)
 * @param minDayCount a one-day spike needs at least this many calls on the day
 * @param minDayLift and at least this many times the day's expected count
 * @param minNewCount a topic never seen before in the region needs this many calls to be "new"
 */
public record TrendSettings(
    double falseDiscoveryRate,
    long minCount,
    double minLift,
    long minDayCount,
    double minDayLift,
    long minNewCount) {

  /** 5% false discoveries, 20 calls and 1.5× for a rise, 10 calls and 2× for a one-day spike. */
  public static final TrendSettings DEFAULT = new TrendSettings(0.05, 20, 1.5, 10, 2.0, 5);

  public TrendSettings {
    if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
      throw new IllegalArgumentException("false discovery rate must be between 0 and 1");
    }
    if (minLift < 1 || minDayLift < 1) {
      throw new IllegalArgumentException("minimum lifts must be at least 1");
    }
  }
}
