package io.hotline.schemas.trends;

import java.time.LocalDate;

/**
 * One topic's standing in a period against its baseline.
 *
 * @param code the two- or four-digit topic code
 * @param calls the topic's classified calls in the period
 * @param share {@code calls} over all classified calls of the period (same level of the table)
 * @param baselineCalls the topic's calls in the baseline period
 * @param expected the calls the baseline predicts for the period, adjusted for its mix of working
 *     and rest days and for the period's volume; 0 when the baseline has none of the topic
 * @param pValue one-sided probability of at least {@code calls} if nothing changed; 1 when untested
 * @param qValue the Benjamini–Hochberg adjusted {@code pValue} over all topics of the level
 * @param status what the method concludes
 * @param episode for a rise or a spike, the days that stood out; otherwise null
 */
public record TopicTrend(
    String code,
    long calls,
    double share,
    long baselineCalls,
    double expected,
    double pValue,
    double qValue,
    Status status,
    Episode episode) {

  /**
   * The run of consecutive days around the topic's biggest day that stood out: one day for a spike,
   * several for a rise (the whole period when the rise is steady throughout).
   *
   * @param from first day of the run
   * @param to last day of the run
   * @param calls the topic's calls in the run
   * @param expected the calls expected in the run
   * @param peakDay the day with the most calls above expected
   * @param peakCalls calls on the peak day
   * @param peakExpected calls expected on the peak day
   */
  public record Episode(
      LocalDate from,
      LocalDate to,
      long calls,
      double expected,
      LocalDate peakDay,
      long peakCalls,
      double peakExpected) {

    /** Number of days in the run. */
    public int days() {
      return (int) (to.toEpochDay() - from.toEpochDay() + 1);
    }
  }

  /** The method's conclusion for one topic. */
  public enum Status {
    /** Significantly above its baseline over the period, not only on one day. */
    RISING("上升"),
    /** Significantly above on one day; the rest of the period is not. */
    SPIKE("突增"),
    /** No call in the region before the period, and at least the minimum now. */
    NEW("新出现"),
    /** Nothing to report. */
    STEADY("平稳");

    private final String chinese;

    Status(String chinese) {
      this.chinese = chinese;
    }

    /** The word the dashboard and the reports print. */
    public String chinese() {
      return chinese;
    }
  }

  /** Calls over expected calls; NaN without a baseline. */
  public double lift() {
    return expected > 0 ? calls / expected : Double.NaN;
  }

  /** Whether an analyst should see this topic in the rising list. */
  public boolean flagged() {
    return status != Status.STEADY;
  }
}
