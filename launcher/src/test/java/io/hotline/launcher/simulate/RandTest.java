package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The distributions behind arrivals, talk times and patience have the moments they claim. */
class RandTest {
  private static final int N = 200_000;

  @Test
  void poissonCountsHaveMeanAndVarianceLambda() {
    for (double lambda : new double[] {0.3, 4, 37.5, 650}) {
      SplittableRandom r = new SplittableRandom(1);
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < N; i++) {
        int k = Rand.poisson(r, lambda);
        assertThat(k).isNotNegative();
        sum += k;
        sumSq += (double) k * k;
      }
      double mean = sum / N;
      double variance = sumSq / N - mean * mean;
      assertThat(mean).as("mean for %s", lambda).isCloseTo(lambda, within(0.01 * lambda + 0.01));
      assertThat(variance)
          .as("variance for %s", lambda)
          .isCloseTo(lambda, within(0.03 * lambda + 0.01));
    }
  }

  @Test
  void logNormalAndExponentialHaveTheirMeans() {
    SplittableRandom r = new SplittableRandom(2);
    double logNormal = 0;
    double exponential = 0;
    for (int i = 0; i < N; i++) {
      logNormal += Rand.logNormal(r, 180, 0.55);
      exponential += Rand.exponential(r, 80);
    }
    assertThat(logNormal / N).isCloseTo(180, within(2.0));
    assertThat(exponential / N).isCloseTo(80, within(1.0));
  }

  @Test
  void streamsAreKeyedByEveryPart() {
    long a = Rand.stream(1, 320100, 20_000, Rand.CALLS).nextLong();
    assertThat(Rand.stream(1, 320100, 20_000, Rand.CALLS).nextLong()).isEqualTo(a);
    assertThat(Rand.stream(2, 320100, 20_000, Rand.CALLS).nextLong()).isNotEqualTo(a);
    assertThat(Rand.stream(1, 320200, 20_000, Rand.CALLS).nextLong()).isNotEqualTo(a);
    assertThat(Rand.stream(1, 320100, 20_001, Rand.CALLS).nextLong()).isNotEqualTo(a);
    assertThat(Rand.stream(1, 320100, 20_000, Rand.SMS).nextLong()).isNotEqualTo(a);
  }

  @Test
  void logFactorialMatchesTheProduct() {
    double exact = 0;
    for (int k = 1; k <= 40; k++) {
      exact += Math.log(k);
      assertThat(Rand.logFactorial(k)).as("%d!", k).isCloseTo(exact, within(1e-9 * exact + 1e-12));
    }
  }
}
