package io.hotline.schemas.trends;

import io.hotline.schemas.reference.Topics;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Classified calls per topic code and day for one line and region — the input of the trend method.
 * Mutable while being filled, then only read. Unclassified calls are not topic counts and do not
 * belong here; callers keep them apart.
 */
public final class TopicCounts {
  private final Map<String, Map<LocalDate, Long>> byTopic = new TreeMap<>();
  private final Map<LocalDate, Long> totals = new TreeMap<>();

  /** Adds calls of one topic on one day (repeated adds sum). */
  public TopicCounts add(LocalDate day, String topic, long calls) {
    if (calls == 0) {
      return this;
    }
    byTopic.computeIfAbsent(topic, t -> new TreeMap<>()).merge(day, calls, Long::sum);
    totals.merge(day, calls, Long::sum);
    return this;
  }

  /** The same counts with every sub-category folded into its two-digit category. */
  public TopicCounts categories() {
    TopicCounts out = new TopicCounts();
    byTopic.forEach(
        (topic, days) -> days.forEach((day, n) -> out.add(day, Topics.categoryOf(topic), n)));
    return out;
  }

  /** The counts of the days from {@code from} to {@code to} inclusive. */
  public TopicCounts between(LocalDate from, LocalDate to) {
    TopicCounts out = new TopicCounts();
    byTopic.forEach(
        (topic, days) ->
            days.forEach(
                (day, n) -> {
                  if (!day.isBefore(from) && !day.isAfter(to)) {
                    out.add(day, topic, n);
                  }
                }));
    return out;
  }

  /** The topic codes with at least one call, in code order. */
  public Set<String> topics() {
    return Collections.unmodifiableSet(byTopic.keySet());
  }

  /** The days with at least one classified call, in order. */
  public Set<LocalDate> days() {
    return Collections.unmodifiableSet(totals.keySet());
  }

  /** Calls of the topic on the day. */
  public long count(String topic, LocalDate day) {
    return byTopic.getOrDefault(topic, Map.of()).getOrDefault(day, 0L);
  }

  /** Calls of the topic on every day. */
  public long count(String topic) {
    return byTopic.getOrDefault(topic, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The topic's calls by day (days without calls absent). */
  public Map<LocalDate, Long> daily(String topic) {
    return Collections.unmodifiableMap(byTopic.getOrDefault(topic, Map.of()));
  }

  /** Classified calls of all topics on the day. */
  public long total(LocalDate day) {
    return totals.getOrDefault(day, 0L);
  }

  /** Classified calls of all topics on every day. */
  public long total() {
    return totals.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Equal when every topic has the same calls on the same days. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TopicCounts other && byTopic.equals(other.byTopic);
  }

  @Override
  public int hashCode() {
    return byTopic.hashCode();
  }
}
