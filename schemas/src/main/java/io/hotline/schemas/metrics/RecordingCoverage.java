package io.hotline.schemas.metrics;

/**
 * 录音覆盖率 as CONTRACTS.md defines it: answered calls with a matching {@code recording} / answered
 * calls. The matching is a join of recordings to calls by {@code call_id}, done where the data is
 * rolled up; this class only divides, with the same null rule as every {@link Metric}.
 */
public final class RecordingCoverage {
  /**
   * The same definition over summed columns {@code sum_recordings_matched} and {@code
   * sum_answered}.
   */
  public static final String SQL = "sum_recordings_matched / nullIf(sum_answered, 0)";

  private RecordingCoverage() {}

  /** Coverage, or null when no call was answered. */
  public static Double of(long answeredWithRecording, long answered) {
    return answered <= 0 ? null : (double) answeredWithRecording / answered;
  }
}
