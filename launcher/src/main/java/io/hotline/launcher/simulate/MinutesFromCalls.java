package io.hotline.launcher.simulate;

import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCountsSql;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills {@code metrics_minute} for some days from {@code calls FINAL}, inside ClickHouse: after a
 * bulk load the minute rows the ingest job's windows would have written, with the same components
 * (summed by {@link CallCountsSql#fromCalls()}, whose definitions match the job's {@code
 * CallCounts}), no late events, and the version of the job's final row of a minute (its number of
 * calls). A minute computed again from the same calls is the same row, so this can be repeated.
 */
final class MinutesFromCalls {
  private MinutesFromCalls() {}

  /**
   * Replaces the minute rows of every day in {@code [from, to]} by those of its calls, a day per
   * statement and {@code threads} statements at a time.
   */
  static void fill(ClickHouseHttp http, LocalDate from, LocalDate to, int threads)
      throws IOException {
    // One day per statement: the group-by state (a histogram per line, centre and minute) of a
    // month of national calls would need gigabytes. A FINAL read runs on one server thread, so
    // days run side by side.
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> days = new ArrayList<>();
      for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
        String sql = statement(day);
        days.add(
            pool.submit(
                () -> {
                  http.execute(sql);
                  return null;
                }));
      }
      for (Future<?> day : days) {
        day.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while computing metrics_minute", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  static String statement(LocalDate day) {
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
        + ",\n  toUInt64(count()) AS minute_version FROM calls FINAL WHERE day = toDate('"
        + day
        + "') GROUP BY line, center, minute_of_call)";
  }
}
