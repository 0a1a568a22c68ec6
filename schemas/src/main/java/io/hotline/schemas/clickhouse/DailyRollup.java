package io.hotline.schemas.clickhouse;

import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Keeps the daily tables ({@code calls_daily}, {@code topics_daily}, {@code topics_region_daily},
 * {@code sms_daily}) and {@code calls_monthly} equal to what {@code calls}, {@code recordings} and
 * {@code sms} hold. Long-range readers (the annual report, yearly dashboards) read these instead of
 * scanning a year of calls with FINAL each time.
 *
 * <p>A refresh compares each day's fingerprint in the source tables with the one recorded in {@code
 * rollup_days} when the day was last rolled up, and rebuilds the months that hold a changed day
 * from the sources (read with FINAL, so duplicates count once). Rebuilt rows carry a higher
 * version, so readers of the daily tables use FINAL too. Unchanged data costs one cheap scan of
 * three narrow columns.
 */
public final class DailyRollup {
  private static final DateTimeFormatter CLICKHOUSE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static final int PARALLEL_MONTHS = 2;

  /**
   * The version of what a roll-up builds; a day recorded with an older one is rebuilt. 2: adds
   * {@code calls_monthly}; 3: adds {@code topics_region_daily}.
   */
  static final int VERSION = 3;

  private final ClickHouseHttp clickHouse;

  public DailyRollup(ClickHouseHttp clickHouse) {
    this.clickHouse = clickHouse;
  }

  /** What a refresh found and did. */
  public record Result(
      int daysWithData, List<YearMonth> monthsRebuilt, Optional<LocalDateTime> dataCutOff) {}

  /** Brings the daily tables up to date for every day from {@code from} to {@code to}. */
  public Result refresh(LocalDate from, LocalDate to) throws IOException {
    Map<LocalDate, DayFingerprint> sources = sourceFingerprints(from, to);
    Map<LocalDate, DayFingerprint> ledger = ledgerFingerprints(from, to);
    TreeSet<YearMonth> months = new TreeSet<>();
    for (Map.Entry<LocalDate, DayFingerprint> day : sources.entrySet()) {
      DayFingerprint before = ledger.get(day.getKey());
      if (before == null || !before.sameRows(day.getValue())) {
        months.addAll(monthsTouchedBy(day.getKey(), before, day.getValue()));
      }
    }
    long version = System.currentTimeMillis();
    rebuildAll(months, sources, version);
    Optional<LocalDateTime> cutOff =
        sources.values().stream().map(DayFingerprint::ingestedMax).max(LocalDateTime::compareTo);
    return new Result(sources.size(), List.copyOf(months), cutOff);
  }

  /**
   * Rebuilds months two at a time: a month is one partition of {@code calls}, which ClickHouse
   * reads with FINAL in a single stream, so two months at once keep both cores busy.
   */
  private void rebuildAll(
      TreeSet<YearMonth> months, Map<LocalDate, DayFingerprint> sources, long version)
      throws IOException {
    List<Concurrently.Work> pieces = new ArrayList<>();
    for (YearMonth month : months) {
      pieces.add(
          () -> {
            rebuild(month, version);
            recordInLedger(month, sources, version);
          });
    }
    Concurrently.run(pieces, PARALLEL_MONTHS, "rolling up");
  }

  /**
   * The months whose daily rows depend on a changed day: its own, and for a change in recordings
   * also the neighbouring days' months, because a call just before midnight can have its recording
   * start just after.
   */
  private static List<YearMonth> monthsTouchedBy(
      LocalDate day, DayFingerprint before, DayFingerprint now) {
    List<YearMonth> touched = new ArrayList<>();
    touched.add(YearMonth.from(day));
    if (before == null || !before.sameRecordings(now)) {
      touched.add(YearMonth.from(day.minusDays(1)));
      touched.add(YearMonth.from(day.plusDays(1)));
    }
    return touched;
  }

  private Map<LocalDate, DayFingerprint> sourceFingerprints(LocalDate from, LocalDate to)
      throws IOException {
    String range = " WHERE day BETWEEN '" + from + "' AND '" + to + "' GROUP BY day";
    Map<LocalDate, DayFingerprint> days = new HashMap<>();
    for (List<String> r :
        clickHouse.query(
            "SELECT day, count(), sum(arrived_at_ms), toString(max(ingested_at)) FROM calls"
                + range)) {
      day(days, r).calls(Long.parseLong(r.get(1)), Long.parseLong(r.get(2)), time(r.get(3)));
    }
    for (List<String> r :
        clickHouse.query(
            "SELECT day, count(), sum(started_at_ms), toString(max(ingested_at)) FROM recordings"
                + range)) {
      day(days, r).recordings(Long.parseLong(r.get(1)), Long.parseLong(r.get(2)), time(r.get(3)));
    }
    for (List<String> r :
        clickHouse.query(
            "SELECT day, count(), sum(sent_at_ms), toString(max(ingested_at)) FROM sms" + range)) {
      day(days, r).sms(Long.parseLong(r.get(1)), Long.parseLong(r.get(2)), time(r.get(3)));
    }
    return days;
  }

  private Map<LocalDate, DayFingerprint> ledgerFingerprints(LocalDate from, LocalDate to)
      throws IOException {
    Map<LocalDate, DayFingerprint> days = new HashMap<>();
    for (List<String> r :
        clickHouse.query(
            "SELECT day, calls_rows, calls_time_sum, recordings_rows, recordings_time_sum,"
                + " sms_rows, sms_time_sum, toString(data_ingested_max) FROM rollup_days FINAL"
                + " WHERE day BETWEEN '"
                + from
                + "' AND '"
                + to
                + "' AND rollup_version >= "
                + VERSION)) {
      LocalDateTime ingested = time(r.get(7));
      day(days, r)
          .calls(Long.parseLong(r.get(1)), Long.parseLong(r.get(2)), ingested)
          .recordings(Long.parseLong(r.get(3)), Long.parseLong(r.get(4)), ingested)
          .sms(Long.parseLong(r.get(5)), Long.parseLong(r.get(6)), ingested);
    }
    return days;
  }

  private static DayFingerprint day(Map<LocalDate, DayFingerprint> days, List<String> row) {
    return days.computeIfAbsent(LocalDate.parse(row.get(0)), d -> new DayFingerprint());
  }

  private void rebuild(YearMonth month, long version) throws IOException {
    String first = month.atDay(1).toString();
    String last = month.atEndOfMonth().toString();
    String days = " WHERE day BETWEEN '" + first + "' AND '" + last + "'";
    clickHouse.execute(callsDaily(days, month, version));
    clickHouse.execute(callsMonthly(days, month, version));
    clickHouse.execute(
        "INSERT INTO topics_daily (day, line, center, province, topic, topic_category, calls,"
            + " answered, version) SELECT day, line, center, any(province), topic,"
            + " any(topic_category), count(), sum(answered), toUInt64("
            + version
            + ") FROM calls FINAL"
            + days
            + " GROUP BY day, line, center, topic");
    sumTopicsByRegion(month, version);
    clickHouse.execute(
        "INSERT INTO sms_daily (day, line, center, province, direction, status, messages,"
            + " segments, version) SELECT day, line, center, any(province), direction, status,"
            + " count(), sum(segments), toUInt64("
            + version
            + ") FROM sms FINAL"
            + days
            + " GROUP BY day, line, center, direction, status");
  }

  /**
   * Sums the month's {@code topics_daily} rows, just rebuilt, over each province's centres and then
   * over the provinces into {@code topics_region_daily}; FINAL picks the new rows over the ones
   * they replace. A step of every rebuild, public for tests that write {@code topics_daily}
   * directly.
   */
  public void sumTopicsByRegion(YearMonth month, long version) throws IOException {
    String days = " WHERE day BETWEEN '" + month.atDay(1) + "' AND '" + month.atEndOfMonth() + "'";
    String insert =
        "INSERT INTO topics_region_daily (day, line, region, topic, topic_category, calls,"
            + " answered, version) ";
    String sums = ", topic, any(topic_category), sum(calls), sum(answered), toUInt64(" + version;
    clickHouse.execute(
        insert
            + "SELECT day, line, province"
            + sums
            + ") FROM topics_daily FINAL"
            + days
            + " GROUP BY day, line, province, topic");
    clickHouse.execute(
        insert
            + "SELECT day, line, '"
            + Regions.NATION
            + "'"
            + sums
            + ") FROM topics_region_daily FINAL"
            + days
            + " AND region != '"
            + Regions.NATION
            + "' GROUP BY day, line, topic");
  }

  /** The month's daily rows summed per line × centre into {@code calls_monthly}. */
  private static String callsMonthly(String days, YearMonth month, long version) {
    List<String> columns = new ArrayList<>(List.of("month", "line", "center", "province"));
    CallCountsSql.COLUMNS.forEach(columns::add);
    columns.addAll(List.of("recordings_matched", "late_calls", "version"));
    return "INSERT INTO calls_monthly ("
        + String.join(", ", columns)
        + ") SELECT toDate('"
        + month.atDay(1)
        + "'), line, center, any(province),\n  "
        + CallCountsSql.fromComponents()
        + ",\n  sum(recordings_matched), sum(late_calls), toUInt64("
        + version
        + ")\nFROM calls_daily FINAL"
        + days
        + "\nGROUP BY line, center";
  }

  /**
   * The calls of a month summed per day × line × centre with the shared component definitions of
   * {@link CallCountsSql#fromCalls()}, plus the recording join and the hourly profile.
   */
  private static String callsDaily(String days, YearMonth month, long version) {
    // A recording belongs to its call by call_id; it starts when the call is answered, so the
    // month's recordings plus a day either side hold every match.
    String recordings =
        "SELECT call_id FROM recordings WHERE day BETWEEN '"
            + month.atDay(1).minusDays(1)
            + "' AND '"
            + month.atEndOfMonth().plusDays(1)
            + "'";
    List<String> columns = new ArrayList<>(List.of("day", "line", "center", "province"));
    CallCountsSql.COLUMNS.forEach(columns::add);
    columns.addAll(
        List.of("recordings_matched", "late_calls", "hour_of_day", "hour_inbound", "version"));
    String hours = "sumMap([toUInt8(toHour(counted_at))], [toUInt64(1)])";
    return "INSERT INTO calls_daily ("
        + String.join(", ", columns)
        + ") SELECT day, line, center, any(province),\n  "
        + CallCountsSql.fromCalls()
        + ",\n  sum(answered = 1 AND call_id IN ("
        + recordings
        + ")) AS sum_recordings_matched"
        + ",\n  sum(late) AS sum_late_calls"
        + ",\n  tupleElement("
        + hours
        + ", 1) AS sum_hour_of_day, tupleElement("
        + hours
        + ", 2) AS sum_hour_inbound"
        + ",\n  toUInt64("
        + version
        + ")\nFROM calls FINAL"
        + days
        + "\nGROUP BY day, line, center";
  }

  private void recordInLedger(YearMonth month, Map<LocalDate, DayFingerprint> sources, long version)
      throws IOException {
    StringBuilder rows = new StringBuilder();
    String now = LocalDateTime.now(ChinaTime.OFFSET).format(CLICKHOUSE_TIME);
    for (Map.Entry<LocalDate, DayFingerprint> e : sources.entrySet()) {
      if (!YearMonth.from(e.getKey()).equals(month)) {
        continue;
      }
      DayFingerprint f = e.getValue();
      new TsvRow(rows)
          .date(e.getKey())
          .number(f.callsRows)
          .number(f.callsTimeSum)
          .number(f.recordingsRows)
          .number(f.recordingsTimeSum)
          .number(f.smsRows)
          .number(f.smsTimeSum)
          .text(f.ingestedMax().format(CLICKHOUSE_TIME))
          .text(now)
          .number(version)
          .number(VERSION)
          .end();
    }
    if (rows.length() > 0) {
      clickHouse.insert(
          "rollup_days",
          List.of(
              "day",
              "calls_rows",
              "calls_time_sum",
              "recordings_rows",
              "recordings_time_sum",
              "sms_rows",
              "sms_time_sum",
              "data_ingested_max",
              "rolled_up_at",
              "version",
              "rollup_version"),
          rows.toString());
    }
  }

  private static LocalDateTime time(String clickHouseTime) {
    return LocalDateTime.parse(clickHouseTime, CLICKHOUSE_TIME);
  }
}
