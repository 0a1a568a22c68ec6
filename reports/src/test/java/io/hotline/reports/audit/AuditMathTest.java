package io.hotline.reports.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotline.reports.ReportError;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sample sizes, stratum allocation, confidence intervals and periods. */
class AuditMathTest {
  @Test
  void sampleSizesMatchPublishedTables() {
    // Cochran / Krejcie & Morgan (1970), e = 0.05 at 95 %, p = 0.5.
    assertThat(SampleSize.forProportion(1_000_000_000L, 0.05, 0.95)).isEqualTo(385);
    assertThat(SampleSize.forProportion(10_000, 0.05, 0.95)).isEqualTo(370);
    assertThat(SampleSize.forProportion(1_000, 0.05, 0.95)).isEqualTo(278);
    assertThat(SampleSize.forProportion(100, 0.05, 0.95)).isEqualTo(80);
    // e = 0.03 at 95 % (1,068) and e = 0.05 at 99 % (664) for large populations.
    assertThat(SampleSize.forProportion(1_000_000_000L, 0.03, 0.95)).isEqualTo(1068);
    assertThat(SampleSize.forProportion(1_000_000_000L, 0.05, 0.99)).isEqualTo(664);
    assertThat(SampleSize.forProportion(10, 0.05, 0.95)).isEqualTo(10);
    assertThat(SampleSize.forProportion(0, 0.05, 0.95)).isZero();
  }

  @Test
  void normalQuantilesAreAccurate() {
    assertThat(SampleSize.normalQuantile(0.975)).isCloseTo(1.959963985, within(1e-8));
    assertThat(SampleSize.normalQuantile(0.995)).isCloseTo(2.575829304, within(1e-8));
    assertThat(SampleSize.normalQuantile(0.95)).isCloseTo(1.644853627, within(1e-8));
  }

  @Test
  void badMarginsAndConfidencesAreRefusedInWords() {
    assertThatThrownBy(() -> SampleSize.forProportion(100, 0, 0.95))
        .isInstanceOf(ReportError.class)
        .hasMessageContaining("--margin");
    assertThatThrownBy(() -> SampleSize.forProportion(100, 0.05, 1.2))
        .hasMessageContaining("--confidence");
  }

  @Test
  void strataGetTheirProportionalShareAndNeverMoreThanTheyHave() {
    Map<String, Long> strata = new TreeMap<>(Map.of("a", 600L, "b", 300L, "c", 99L, "d", 1L));
    Map<String, Integer> k = AuditDraw.allocate(100, strata);
    assertThat(k)
        .containsEntry("a", 60)
        .containsEntry("b", 30)
        .containsEntry("c", 10)
        .containsEntry("d", 0);
    assertThat(k.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
    Map<String, Integer> all = AuditDraw.allocate(1000, strata);
    assertThat(all).isEqualTo(Map.of("a", 600, "b", 300, "c", 99, "d", 1));
    Map<String, Integer> odd =
        AuditDraw.allocate(7, new TreeMap<>(Map.of("x", 10L, "y", 10L, "z", 10L)));
    assertThat(odd.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
    assertThat(odd).containsEntry("x", 3).containsEntry("y", 2).containsEntry("z", 2);
  }

  @Test
  void confidenceIntervalsUseStudentsTAndTheFinitePopulation() {
    assertThat(ScoreStats.tQuantile975(3)).isEqualTo(3.182);
    assertThat(ScoreStats.tQuantile975(11)).isCloseTo(2.201, within(0.001));
    assertThat(ScoreStats.tQuantile975(30)).isCloseTo(2.042, within(0.001));
    assertThat(ScoreStats.tQuantile975(1000)).isCloseTo(1.962, within(0.001));
    double[] scores = {0.8, 0.9, 1.0, 0.7, 0.85, 0.95, 0.75, 0.9, 1.0, 0.6};
    ScoreStats big = ScoreStats.of(scores, 1_000_000);
    ScoreStats small = ScoreStats.of(scores, 12);
    assertThat(big.mean()).isCloseTo(0.845, within(1e-12));
    // sd = 0.13218, t(9) = 2.262: half-width 0.09455
    assertThat(big.high() - big.mean()).isCloseTo(0.09455, within(0.0001));
    assertThat(small.high() - small.mean()).isLessThan((big.high() - big.mean()) / 2);
    assertThat(ScoreStats.of(new double[0], 10)).isNull();
  }

  @Test
  void periodsAreHalfYears() {
    AuditPeriod h1 = AuditPeriod.parse("2025H1");
    assertThat(h1.first()).hasToString("2025-01-01");
    assertThat(h1.last()).hasToString("2025-06-30");
    assertThat(h1.previous()).hasToString("2024H2");
    assertThat(AuditPeriod.parse("2024H2").previous()).hasToString("2024H1");
    assertThatThrownBy(() -> AuditPeriod.parse("2025-H1")).hasMessageContaining("such as 2025H1");
  }
}
