package io.hotline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.testing.CallFactory;
import io.hotline.jobs.testing.GroupsInClickHouse;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.CallCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * What the fault-injection tests share: the events split around the fault, the clean run to compare
 * with, patient waiting, and the final comparison.
 */
final class FaultRuns {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private FaultRuns() {}

  /**
   * Generated calls with faults (repeats and broken lines), in two halves: those sent before the
   * fault and those after; with the clean run over all of them and the number of broken lines.
   */
  record Events(
      List<String> before,
      List<String> after,
      Map<GroupKey, CallCounts> clean,
      long total,
      long broken) {

    /**
     * {@code calls} calls from {@code seed}, written to {@code dir/cdr.jsonl} for the clean run.
     */
    static Events of(int calls, long seed, Path dir) throws Exception {
      List<String> events = CallFactory.withFaults(CallFactory.calls(calls, seed), 30);
      Path file = dir.resolve("cdr.jsonl");
      Files.write(file, events);
      Map<GroupKey, CallCounts> clean = cleanRun(file);
      return new Events(
          events.subList(0, events.size() / 2),
          events.subList(events.size() / 2, events.size()),
          clean,
          totalInbound(clean),
          events.stream().filter(l -> l.startsWith("{\"call_id\": \"broken")).count());
    }
  }

  /**
   * Waits until ClickHouse holds as many minutes' calls, calls and dead letters as the clean run,
   * then checks that calls and minutes equal it group by group, and that no dead letter is there
   * twice.
   */
  static void assertEqualsCleanRun(ClickHouseHttp ch, Events e) throws Exception {
    awaitAtLeast(ch, "SELECT sum(total_inbound) FROM metrics_minute FINAL", e.total());
    awaitAtLeast(ch, "SELECT count() FROM calls FINAL", e.total());
    awaitAtLeast(ch, "SELECT count() FROM dead_letters FINAL", e.broken());
    assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(e.clean());
    assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(e.clean());
    assertThat(ch.query("SELECT count() FROM dead_letters FINAL").get(0))
        .containsExactly(String.valueOf(e.broken()));
  }

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
