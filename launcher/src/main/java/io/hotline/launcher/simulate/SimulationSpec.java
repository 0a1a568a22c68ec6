package io.hotline.launcher.simulate;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * What to simulate: the days ({@code to} inclusive), the centres, the seed and the faults. The same
 * spec always gives byte-identical output.
 */
public record SimulationSpec(
    LocalDate from, LocalDate to, List<Center> centers, long seed, FaultRates faults) {

  public SimulationSpec {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    }
    centers = List.copyOf(centers);
    if (centers.isEmpty()) {
      throw new IllegalArgumentException("no centres to simulate");
    }
  }

  /** The provinces the centres belong to, sorted. */
  public List<String> provinces() {
    TreeSet<String> p = new TreeSet<>();
    centers.forEach(c -> p.add(c.provinceCode()));
    return List.copyOf(p);
  }

  /** The topic surges that touch this run's days and provinces; see {@link TopicSurges}. */
  public List<TopicSurge> surges() {
    List<String> provinces = provinces();
    return TopicSurges.between(seed, from, to).stream()
        .filter(s -> s.provinces().stream().anyMatch(provinces::contains))
        .toList();
  }

  /** Number of days simulated. */
  public int days() {
    return (int) (to.toEpochDay() - from.toEpochDay() + 1);
  }
}
