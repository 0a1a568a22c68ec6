package io.hotline.launcher.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.IngestOptions;
import io.hotline.jobs.MetricsBatchJob;
import io.hotline.jobs.functions.Grouping;
import io.hotline.jobs.privacy.CallerPseudonymizer;
import io.hotline.jobs.records.GroupKey;
import io.hotline.jobs.testing.GroupsInClickHouse;
import io.hotline.launcher.Hotline;
import io.hotline.launcher.jobs.JobsCommand;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.events.ParseResult;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.events.Sms;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotline simulate --clickhouse} against a real ClickHouse: the loaded rows give the same
 * per-day, line and centre components as the product's own counting of the same simulation written
 * to files, the same recordings and messages, refused records as dead letters, and a second load of
 * the same simulation changes no {@code FINAL} figure.
 */
@ExtendWith(ClickHouseExtension.class)
class SimulateToClickHouseIT {
  private static final String[] RUN = {
    "simulate", "--centers", "320100,320900", "--from", "2025-05-12", "--to", "2025-05-14"
  };
  private static final String FAULTS = "duplicate=0.02,malformed=0.01,invariant=0.01,late=0.02";

  @TempDir Path tmp;

  @Test
  void rowsGiveTheComponentsOfTheSimulatedCallsAndAReloadChangesNothing(ClickHouseConfig config)
      throws Exception {
    ClickHouseHttp ch = new ClickHouseHttp(config);
    assertThat(Hotline.run(args(config, "--seed", "7"))).isZero();
    assertThat(Hotline.run(args("--seed", "7", "--out", tmp.toString()))).isZero();

    List<Cdr> cdrs = valid(EventKind.CDR, Cdr.class);
    Map<GroupKey, CallCounts> expected = new TreeMap<>();
    for (Cdr c : cdrs) {
      GroupKey key =
          new GroupKey(
              ChinaTime.day(CallMeasures.countedAt(c)).toString(), c.line().number(), c.center());
      expected.computeIfAbsent(key, k -> new CallCounts()).add(c);
    }
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2 * 3);
    assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(expected);
    assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(expected);
    // Without faults every line is one row, and nothing is refused.
    assertThat(count(ch, "calls")).isEqualTo(lines(EventKind.CDR).size());
    assertThat(count(ch, "recordings")).isEqualTo(lines(EventKind.RECORDING).size());
    assertThat(count(ch, "sms")).isEqualTo(lines(EventKind.SMS).size());
    assertThat(count(ch, "dead_letters")).isZero();
    // Callers are pseudonymised with the ingest job's function and (demo) secret.
    Cdr first = cdrs.get(0);
    assertThat(
            ch.query("SELECT caller_hash FROM calls WHERE call_id = '" + first.callId() + "'")
                .get(0)
                .get(0))
        .isEqualTo(new CallerPseudonymizer(secret()).pseudonymOf(first.caller()))
        .doesNotContain(first.caller());

    Map<String, Long> before = finalCounts(ch);
    assertThat(Hotline.run(args(config, "--seed", "7"))).isZero();
    assertThat(finalCounts(ch)).isEqualTo(before);
    assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(expected);
    assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(expected);
  }

  @Test
  void withFaultsTheCountsAreTheBatchTwinsAndRefusedRecordsAreDeadLetters(ClickHouseConfig config)
      throws Exception {
    ClickHouseHttp ch = new ClickHouseHttp(config);
    assertThat(Hotline.run(args(config, "--seed", "8", "--faults", FAULTS))).isZero();
    assertThat(Hotline.run(args("--seed", "8", "--faults", FAULTS, "--out", tmp.toString())))
        .isZero();

    Path cdrFile = FileEventSink.fileOf(tmp, EventKind.CDR);
    MetricsBatchJob.Result batch =
        MetricsBatchJob.run(
            cdrFile, new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER), 2, d -> {});
    Map<GroupKey, CallCounts> expected = new TreeMap<>();
    batch.rows().forEach(r -> expected.put(r.key(), r.counts()));
    assertThat(batch.duplicates()).isPositive();
    assertThat(batch.rejected()).isPositive();
    assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(expected);
    assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(expected);

    assertThat(finalCount(ch, "calls")).isEqualTo(batch.accepted());
    assertThat(finalCount(ch, "recordings"))
        .isEqualTo(distinctIds(EventKind.RECORDING, Recording.class, Recording::recordingId));
    assertThat(finalCount(ch, "sms")).isEqualTo(distinctIds(EventKind.SMS, Sms.class, Sms::smsId));
    long refused = 0;
    for (EventKind kind : EventKind.values()) {
      long refusedOfKind = lines(kind).size() - valid(kind, Object.class).size();
      assertThat(
              Long.parseLong(
                  ch.query(
                          "SELECT count() FROM dead_letters FINAL WHERE kind = '"
                              + kind.code()
                              + "'")
                      .get(0)
                      .get(0)))
          .as(kind.code())
          .isEqualTo(refusedOfKind);
      refused += refusedOfKind;
    }
    assertThat(refused).isGreaterThanOrEqualTo(batch.rejected());

    Map<String, Long> before = finalCounts(ch);
    assertThat(Hotline.run(args(config, "--seed", "8", "--faults", FAULTS))).isZero();
    assertThat(finalCounts(ch)).isEqualTo(before);
    assertThat(GroupsInClickHouse.fromCalls(ch)).isEqualTo(expected);
    assertThat(GroupsInClickHouse.fromMinutes(ch)).isEqualTo(expected);
  }

  private static String secret() {
    String s = System.getenv(JobsCommand.SECRET_VARIABLE);
    return s == null || s.isEmpty() ? IngestOptions.DEMO_CALLER_SECRET : s;
  }

  private List<String> lines(EventKind kind) throws Exception {
    return Files.readAllLines(FileEventSink.fileOf(tmp, kind), StandardCharsets.UTF_8);
  }

  /** The events of a file that the product's parser accepts, duplicates included. */
  private <T> List<T> valid(EventKind kind, Class<T> type) throws Exception {
    List<T> out = new ArrayList<>();
    for (String line : lines(kind)) {
      ParseResult<?> r = EventParser.standard().parse(kind, line.getBytes(StandardCharsets.UTF_8));
      if (r.isValid()) {
        out.add(type.cast(r.event()));
      }
    }
    return out;
  }

  private <T> long distinctIds(
      EventKind kind, Class<T> type, java.util.function.Function<T, String> id) throws Exception {
    Set<String> ids = new HashSet<>();
    for (T event : valid(kind, type)) {
      ids.add(id.apply(event));
    }
    return ids.size();
  }

  private static Map<String, Long> finalCounts(ClickHouseHttp ch) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : List.of("calls", "recordings", "sms", "dead_letters", "metrics_minute")) {
      counts.put(table, finalCount(ch, table));
    }
    return counts;
  }

  private static long finalCount(ClickHouseHttp ch, String table) throws Exception {
    return Long.parseLong(ch.query("SELECT count() FROM " + table + " FINAL").get(0).get(0));
  }

  private static long count(ClickHouseHttp ch, String table) throws Exception {
    return Long.parseLong(ch.query("SELECT count() FROM " + table).get(0).get(0));
  }

  /** {@link #RUN} with {@code more}, loading into the test's database. */
  private static String[] args(ClickHouseConfig config, String... more) {
    List<String> args = new ArrayList<>(List.of(more));
    args.addAll(
        List.of("--clickhouse", "--clickhouse-url", config.url(), "--database", config.database()));
    return args(args.toArray(String[]::new));
  }

  private static String[] args(String... more) {
    List<String> args = new ArrayList<>(List.of(RUN));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
