package io.hotline.schemas.clickhouse;

import io.hotline.schemas.metrics.CallCountsSql;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills {@code metrics_minute} for some days from {@code calls FINAL}, inside ClickHouse: after a
 * bulk load the minute rows the ingest job's windows would have written, with the same components
 * (summed by {@link CallCountsSql#fromCalls()}, whose definitions match the job's {@code
 * CallCounts}), no late events, and the version of the job's final row of a minute (its number of
 * calls). A minute computed again from the same calls is the same row, so this can be repeated.
 */
public final class MinutesFromCalls {
  private MinutesFromCalls() {}

  /**
   * Days per statement. On 18.16 a FINAL read of a national month cost most of a second however few
   * of its days it covered, so a day per statement took four times as long as a week; the group-by
   * state of a week (a sparse histogram per line, centre and minute) stays under 500 MB, a month's
   * would need gigabytes.
   */
  static final int DAYS_PER_STATEMENT = 7;

  /**
   * Replaces the minute rows of every day in {@code [from, to]} by those of its calls, {@link
   * #DAYS_PER_STATEMENT} days per statement and {@code threads} statements at a time.
   */
  public static void fill(ClickHouseHttp http, LocalDate from, LocalDate to, int threads)
      throws IOException {
    List<Concurrently.Work> statements = new ArrayList<>();
    for (LocalDate[] span : spans(from, to, DAYS_PER_STATEMENT)) {
      String sql = statement(span[0], span[1]);
      statements.add(() -> http.execute(sql));
    }
    Concurrently.run(statements, threads, "computing metrics_minute");
  }

  /** {@code [from, to]} cut into runs of {@code days} days, each as its first and last day. */
  static List<LocalDate[]> spans(LocalDate from, LocalDate to, int days) {
    List<LocalDate[]> spans = new ArrayList<>();
    for (LocalDate first = from; !first.isAfter(to); first = first.plusDays(days)) {
      LocalDate last = first.plusDays(days - 1);
      spans.add(new LocalDate[] {first, last.isAfter(to) ? to : last});
    }
    return spans;
  }

  static String statement(LocalDate first, LocalDate last) {
    // Sums over a Nullable column (wait_ms) are Nullable, the minute table's columns are not: an
    // outer select turns the NULL of a minute without such calls into the 0 the job would write.
    StringBuilder components = new StringBuilder();
    for (String c : CallCountsSql.COLUMNS) {
      String alias = CallCountsSql.alias(c);
      components.append(c.startsWith("wait_hist_") ? alias : "ifNull(" + alias + ", 0)");
      components.append(", ");
    }
    // Aliases are query-wide in ClickHouse, so none may be a column name of calls.
    return "INSERT INTO metrics_minute (minute, line, center, province, "
        + String.join(", ", CallCountsSql.COLUMNS)
        + ", late_events, version) SELECT minute_of_call, line, center, province_of_center, "
        + components
        + "toUInt64(0), minute_version FROM (SELECT toStartOfMinute(counted_at) AS minute_of_call,"
        + " line, center, concat(substring(center, 1, 2), '0000') AS province_of_center,\n  "
        + CallCountsSql.fromCalls()
        + ",\n  toUInt64(count()) AS minute_version FROM calls FINAL WHERE day BETWEEN toDate('"
        + first
        + "') AND toDate('"
        + last
        + "') GROUP BY line, center, minute_of_call)";
  }
}
