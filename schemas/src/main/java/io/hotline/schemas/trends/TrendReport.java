package io.hotline.schemas.trends;

import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.Region;
import java.util.Comparator;
import java.util.List;

/**
 * The topics of one line, region and period: how many calls each got, and which rose against the
 * baseline, for both levels of the code table. What {@code hotline trends}, the dashboard and the
 * annual report show.
 *
 * @param classified calls with a known topic code
 * @param unclassified calls without a topic code (or with a code missing from the table); counted,
 *     never ranked
 * @param categoryDays the period's classified calls per category and day, for shares over time;
 *     read only
 * @param categories every category with calls in the period or the baseline, flagged first
 * @param subcategories the same for the four-digit sub-categories
 */
public record TrendReport(
    Line line,
    Region region,
    TrendPeriod period,
    Baseline baseline,
    long classified,
    long unclassified,
    TopicCounts categoryDays,
    List<TopicTrend> categories,
    List<TopicTrend> subcategories) {

  public TrendReport {
    categories = List.copyOf(categories);
    subcategories = List.copyOf(subcategories);
  }

  /** The {@code n} categories with the most calls in the period. */
  public List<TopicTrend> topCategories(int n) {
    return top(categories, n);
  }

  /** The {@code n} sub-categories with the most calls in the period. */
  public List<TopicTrend> topSubcategories(int n) {
    return top(subcategories, n);
  }

  /** Rising, spiking and new topics of both levels, categories first. */
  public List<TopicTrend> flagged() {
    return java.util.stream.Stream.concat(categories.stream(), subcategories.stream())
        .filter(TopicTrend::flagged)
        .toList();
  }

  private static List<TopicTrend> top(List<TopicTrend> topics, int n) {
    return topics.stream()
        .filter(t -> t.calls() > 0)
        .sorted(
            Comparator.comparingLong(TopicTrend::calls).reversed().thenComparing(TopicTrend::code))
        .limit(n)
        .toList();
  }
}
