package io.hotline.reports.annual;

/**
 * Calls about one topic code (a category or a sub-category of the code table) in the report year:
 * in each half, and in the previous year.
 */
public record TopicYear(
    String code, String name, long firstHalf, long secondHalf, long previousYear) {
  public long year() {
    return firstHalf + secondHalf;
  }
}
