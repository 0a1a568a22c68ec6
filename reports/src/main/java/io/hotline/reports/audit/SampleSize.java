package io.hotline.reports.audit;

import io.hotline.reports.ReportError;

/**
 * How many calls to sample from a centre to estimate a proportion (e.g. the share of calls answered
 * to standard) within a margin at a confidence level: Cochran's n₀ = z²·p(1−p)/e² with the most
 * cautious p = 0.5, corrected for a finite population of N calls: n = n₀ / (1 + (n₀−1)/N), rounded
 * up. With e = 0.05 and 95 %: 385 for a large population, 278 for N = 1000, 80 for N = 100.
 */
public final class SampleSize {
  private SampleSize() {}

  /** The sample size for a population of {@code population} calls (never more than it). */
  public static int forProportion(long population, double margin, double confidence) {
    if (margin <= 0 || margin >= 0.5) {
      throw new ReportError("--margin must be between 0 and 0.5, e.g. 0.05, not " + margin);
    }
    if (confidence <= 0.5 || confidence >= 1) {
      throw new ReportError("--confidence must be between 0.5 and 1, e.g. 0.95, not " + confidence);
    }
    if (population <= 0) {
      return 0;
    }
    double z = normalQuantile(1 - (1 - confidence) / 2);
    double n0 = z * z * 0.25 / (margin * margin);
    double n = n0 / (1 + (n0 - 1) / population);
    // Round to 9 significant digits first so float noise cannot push an exact value up by one.
    return (int) Math.min(population, Math.ceil(Math.round(n * 1e6) / 1e6));
  }

  /**
   * The standard normal quantile (inverse CDF), by Acklam's rational approximation (relative error
   * below 1.15e-9), e.g. 1.959963985 for 0.975.
   */
  static double normalQuantile(double p) {
    double[] a = {
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double x;
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      x =
          (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
              / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - 0.02425) {
      double q = p - 0.5;
      double r = q * q;
      x =
          (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
              * q
              / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      x =
          -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
              / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    return x;
  }
}
