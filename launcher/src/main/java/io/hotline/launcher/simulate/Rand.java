package io.hotline.launcher.simulate;

import java.util.SplittableRandom;

/**
 * Seeded random streams and the few distributions the simulator draws from. Every stream is keyed
 * by (seed, centre, day, purpose), so a centre-day produces the same events whichever thread
 * generates it and whatever else is simulated alongside.
 */
final class Rand {
  /** Purposes of independent streams within one centre-day. */
  static final int ARRIVALS_12333 = 1;

  static final int ARRIVALS_12370 = 2;
  static final int ARRIVALS_12385 = 3;
  static final int CALLS = 4;
  static final int SMS = 5;
  static final int FAULTS = 6;
  static final int CONTENT = 7;

  private static final double[] LOG_FACTORIAL = new double[16];

  static {
    for (int k = 1; k < LOG_FACTORIAL.length; k++) {
      LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
    }
  }

  private Rand() {}

  /** The stream for one purpose of one centre-day. */
  static SplittableRandom stream(long seed, int centre, long epochDay, int purpose) {
    long key = mix(mix(mix(seed) ^ centre) ^ epochDay * 0x9E3779B97F4A7C15L) ^ purpose;
    return new SplittableRandom(mix(key));
  }

  /** A stable hash of the seed and some parts, for per-centre constants such as size. */
  static long hash(long seed, long a) {
    return mix(mix(seed ^ 0x243F6A8885A308D3L) ^ a);
  }

  static long hash(long seed, long a, long b) {
    return mix(hash(seed, a) ^ b);
  }

  static long hash(long seed, long a, long b, long c) {
    return mix(hash(seed, a, b) ^ c);
  }

  /** A uniform double in [0, 1) from a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finaliser: a cheap bijective mixer with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double exponential(SplittableRandom r, double mean) {
    return -mean * Math.log(1.0 - r.nextDouble());
  }

  /** Log-normal with the given mean (not median) and shape sigma. */
  static double logNormal(SplittableRandom r, double mean, double sigma) {
    double mu = Math.log(mean) - sigma * sigma / 2;
    return Math.exp(mu + sigma * r.nextGaussian());
  }

  /**
   * A Poisson count: multiplication for small means, Hörmann's PTRS transformed rejection for large
   * ones (exact, and a constant few draws whatever the mean).
   */
  static int poisson(SplittableRandom r, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda < 10) {
      double limit = Math.exp(-lambda);
      double p = r.nextDouble();
      int k = 0;
      while (p > limit) {
        k++;
        p *= r.nextDouble();
      }
      return k;
    }
    double slam = Math.sqrt(lambda);
    double logLam = Math.log(lambda);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = r.nextDouble() - 0.5;
      double v = r.nextDouble();
      double us = 0.5 - Math.abs(u);
      int k = (int) Math.floor((2 * a / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
          <= -lambda + k * logLam - logFactorial(k)) {
        return k;
      }
    }
  }

  /** ln(k!), exact for small k and by Stirling's series beyond (error below 1e-10). */
  static double logFactorial(int k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[k];
    }
    double x = k + 1.0;
    double x2 = x * x;
    return (x - 0.5) * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI)
        + 1 / (12 * x)
        - 1 / (360 * x * x2)
        + 1 / (1260 * x2 * x2 * x);
  }

  /** Index drawn from cumulative weights (last entry = total). */
  static int pick(SplittableRandom r, double[] cumulative) {
    double x = r.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
