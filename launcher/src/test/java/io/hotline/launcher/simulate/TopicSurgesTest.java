package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.schemas.reference.Regions;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Planned topic surges: reproducible, independent of the run, and visible in the calls. */
class TopicSurgesTest {
  private static final String JIANGSU = "320000";
  private static final Pattern DAY_AND_TOPIC =
      Pattern.compile("\"arrived_at\":\"(\\d{4}-\\d\\d-\\d\\d)T.*\"topic\":\"(\\d+)\"");

  @Test
  void aYearHasItsOwnReproduciblePlan() {
    List<TopicSurge> plan = TopicSurges.ofYear(8, 2025);
    assertThat(plan).isEqualTo(TopicSurges.ofYear(8, 2025));
    assertThat(plan).isNotEqualTo(TopicSurges.ofYear(9, 2025));
    assertThat(plan).isNotEqualTo(TopicSurges.ofYear(8, 2026));
    assertThat(plan).hasSize(TopicSurges.PER_YEAR);
    for (TopicSurge s : plan) {
      assertThat(s.from().getYear()).isEqualTo(2025);
      assertThat(s.to()).isAfterOrEqualTo(s.from()).isBeforeOrEqualTo(LocalDate.of(2025, 12, 31));
      assertThat(s.provinces()).isNotEmpty().allMatch(p -> Regions.standard().find(p).isPresent());
      assertThat(s.multiplier()).isBetween(3.0, 6.0);
      assertThat(s.topic()).matches("\\d{4}");
    }
  }

  @Test
  void aRunSeesTheSurgesOfItsDaysWhateverItsRange() {
    LocalDate from = LocalDate.of(2025, 3, 1);
    LocalDate to = LocalDate.of(2025, 3, 31);
    List<TopicSurge> march = TopicSurges.between(8, from, to);
    assertThat(TopicSurges.between(8, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 6, 30)))
        .containsAll(march);
    assertThat(march).allMatch(s -> !s.to().isBefore(from) && !s.from().isAfter(to));
    assertThat(TopicSurges.ofYear(8, 2025))
        .filteredOn(s -> !s.to().isBefore(from) && !s.from().isAfter(to))
        .containsExactlyElementsOf(march);
  }

  @Test
  void aSurgingTopicTakesALargerShareOfCallsOnItsDays() {
    long seed = 0;
    TopicSurge surge = null;
    while (surge == null) {
      seed++;
      surge =
          TopicSurges.ofYear(seed, 2025).stream()
              .filter(s -> s.provinces().contains(JIANGSU) && s.from().getMonthValue() > 1)
              .findFirst()
              .orElse(null);
    }
    SimulationRun run =
        SimulationRun.of(
            "320100", surge.from().minusDays(7).toString(), surge.to().toString(), seed);
    int[] during = new int[2];
    int[] outside = new int[2];
    for (String line : run.cdr) {
      Matcher m = DAY_AND_TOPIC.matcher(line);
      if (!m.find()) {
        continue;
      }
      int[] counts = surge.appliesTo(JIANGSU, LocalDate.parse(m.group(1))) ? during : outside;
      counts[0]++;
      counts[1] += m.group(2).equals(surge.topic()) ? 1 : 0;
    }
    double shareDuring = (double) during[1] / during[0];
    double shareOutside = (double) outside[1] / outside[0];
    assertThat(shareDuring).isGreaterThan(2 * shareOutside);
  }
}
