package io.hotline.launcher.simulate;

import java.time.LocalDate;
import java.util.List;

/**
 * A policy-driven topic episode: for some days, in some provinces, callers ask about one topic
 * several times as often as usual (a pension increase, a new social-security card), and the extra
 * calls add to the day's volume. Alerting and reporting tests look these up to know what the
 * simulator planted.
 *
 * @param name what happened, in the words a province office would use
 * @param topic the four-digit topic code whose share rises
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param provinces province codes where it happens
 * @param multiplier how many times its usual weight the topic gets
 */
public record TopicSurge(
    String name,
    String topic,
    LocalDate from,
    LocalDate to,
    List<String> provinces,
    double multiplier) {

  public TopicSurge {
    provinces = List.copyOf(provinces);
  }

  /** Whether the surge is on for centres of this province on this day. */
  public boolean appliesTo(String provinceCode, LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to) && provinces.contains(provinceCode);
  }

  @Override
  public String toString() {
    return name
        + " (topic "
        + topic
        + " x"
        + multiplier
        + ", "
        + from
        + ".."
        + to
        + ", provinces "
        + String.join(",", provinces)
        + ")";
  }
}
