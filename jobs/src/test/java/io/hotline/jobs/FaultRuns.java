package io.hotline.jobs;

import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.records.GroupKey;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** What the fault-injection tests share: the clean run to compare with, and patient waiting. */
final class FaultRuns {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private FaultRuns() {}

  /** The clean run: the batch twin's components per day × line × centre over the events file. */
  static Map<GroupKey, CallCounts> cleanRun(Path file) throws Exception {
    Map<GroupKey, CallCounts> out = new TreeMap<>();
    for (MetricsBatchJob.Row r :
        MetricsBatchJob.run(
                file, new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER), 2, d -> {})
            .rows()) {
      out.put(r.key(), r.counts());
    }
    return out;
  }

  static long totalInbound(Map<GroupKey, CallCounts> groups) {
    return groups.values().stream().mapToLong(c -> c.totalInbound).sum();
  }

  /** The number of distinct valid calls among {@link io.hotline.jobs.testing.CallFactory} lines. */
  static long distinctCalls(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("{\"call_id\":\"call-"))
        .map(l -> l.substring(0, l.indexOf("\",")))
        .distinct()
        .count();
  }

  /** Waits until a single-number query reaches {@code atLeast} (NULL counts as 0). */
  static void awaitAtLeast(ClickHouseHttp ch, String sql, long atLeast) throws Exception {
    long[] seen = {0};
    await(
        sql + " to reach " + atLeast,
        () -> {
          try {
            List<List<String>> r = ch.query(sql);
            String v = r.isEmpty() ? "\\N" : r.get(0).get(0);
            seen[0] = v.startsWith("\\") ? 0 : Long.parseLong(v);
          } catch (Exception e) {
            return false; // ClickHouse may still be coming back
          }
          return seen[0] >= atLeast;
        });
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("waited " + PATIENCE.toSeconds() + " s in vain for " + what);
  }
}
