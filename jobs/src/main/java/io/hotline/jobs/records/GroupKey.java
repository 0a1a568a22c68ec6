package io.hotline.jobs.records;

/**
 * One group of the batch twin's output: a period label in China time ({@code 2025-03-14T09}, {@code
 * 2025-03-14} or {@code 2025-03}), a line, and a region code (centre, province, or {@code 000000}
 * for the nation). Sorts as the CSV rows do: by period, line, region.
 */
public record GroupKey(String period, String line, String region) implements Comparable<GroupKey> {
  @Override
  public int compareTo(GroupKey o) {
    int c = period.compareTo(o.period);
    if (c == 0) {
      c = line.compareTo(o.line);
    }
    return c != 0 ? c : region.compareTo(o.region);
  }
}
