package io.hotline.reports.audit;

/**
 * A centre's standardisation score as an estimate from its sample: the mean of the scored calls
 * with a 95% confidence interval from Student's t, narrowed by the finite-population correction
 * when the centre's population is known (a sample of most of a small centre's calls is nearly
 * exact).
 */
public record ScoreStats(int n, double mean, double low, double high) {
  /** Null when no call of the centre has a score. */
  public static ScoreStats of(double[] scores, long population) {
    int n = scores.length;
    if (n == 0) {
      return null;
    }
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    double mean = sum / n;
    if (n == 1) {
      return new ScoreStats(1, mean, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double s : scores) {
      ss += (s - mean) * (s - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double fpc =
        population > 1 && population >= n
            ? Math.sqrt((double) (population - n) / (population - 1))
            : 1;
    double half = tQuantile975(n - 1) * sd / Math.sqrt(n) * fpc;
    return new ScoreStats(n, mean, Math.max(0, mean - half), Math.min(1, mean + half));
  }

  /**
   * Student's t 97.5% quantile for ν degrees of freedom: the standard table up to ν = 10, then the
   * Cornish–Fisher expansion around the normal quantile 1.959964 (within 0.001 of the tables).
   */
  static double tQuantile975(int df) {
    double z = 1.959963985;
    if (df <= 0) {
      return Double.NaN;
    }
    if (df <= TABLE.length) {
      return TABLE[df - 1];
    }
    double v = df;
    double z3 = z * z * z;
    double z5 = z3 * z * z;
    double z7 = z5 * z * z;
    return z
        + (z3 + z) / (4 * v)
        + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
  }

  /** t(0.975, ν) for ν = 1 … 10, from the standard tables, where the expansion is poor. */
  private static final double[] TABLE = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228
  };
}
