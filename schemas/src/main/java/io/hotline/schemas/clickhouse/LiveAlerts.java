package io.hotline.schemas.clickhouse;

import io.hotline.schemas.metrics.RecordingCoverage;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.RegionLevel;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dashboard shows of the ingest job's live alerts and recording join: the open and recent
 * alerts of a scope (nation, province or centre) from {@code alerts}, and recording figures per
 * centre from {@code recording_matches}. Both tables are ReplacingMergeTrees read with {@code
 * FINAL}, so a cleared alert shows once, as cleared. Scopes are {@link Region}s from the product's
 * code table, never request text, so the SQL holds only known codes.
 */
public final class LiveAlerts {
  /** The columns of {@code alerts} the ingest job writes, in its order. */
  public static final List<String> ALERT_COLUMNS =
      List.of(
          "alert_id",
          "center",
          "province",
          "rule",
          "subject",
          "status",
          "opened_at",
          "cleared_at",
          "observed_at",
          "value",
          "threshold",
          "detail",
          "version");

  /** The columns of {@code recording_matches} the ingest job writes, in its order. */
  public static final List<String> MATCH_COLUMNS =
      List.of(
          "call_id",
          "recording_id",
          "center",
          "province",
          "day",
          "at",
          "outcome",
          "answered",
          "talk_ms",
          "recording_ms",
          "version");

  private final ClickHouseHttp http;

  public LiveAlerts(ClickHouseConfig config) {
    this(new ClickHouseHttp(config));
  }

  public LiveAlerts(ClickHouseHttp http) {
    this.http = http;
  }

  /**
   * One alert as stored: open until {@code clearedAt} is set.
   *
   * @param rule {@code answer_rate_low}, {@code abandonment_spike}, {@code topic_surge}, {@code
   *     center_silent} or {@code voicemail_overdue}
   * @param subject what within the centre the alert is about: the topic code of a surge, else empty
   * @param value the measured value when it opened (a rate, a count or minutes)
   * @param threshold the threshold it was compared with
   * @param detail one sentence for people, in Chinese
   */
  public record Alert(
      String alertId,
      String center,
      String province,
      String rule,
      String subject,
      boolean open,
      Instant openedAt,
      Instant clearedAt,
      double value,
      double threshold,
      String detail) {}

  /**
   * Recording figures of one centre over a period, from the join of recordings to calls.
   *
   * @param answered answered calls whose join outcome is known (matched or waited out)
   * @param recorded answered calls with a recording (short ones included)
   * @param withoutRecording answered calls that got no recording within the join's wait
   * @param shortRecordings recorded calls whose recording is much shorter than the talk time
   * @param orphans recordings whose call never arrived
   * @param coverage recorded / answered, null when nothing was answered (as {@code
   *     RecordingCoverage})
   */
  public record RecordingFigures(
      String center,
      long answered,
      long recorded,
      long withoutRecording,
      long shortRecordings,
      long orphans,
      Double coverage) {}

  /**
   * Alerts of the scope that are open now, or opened at or after {@code since}: open ones first,
   * then newest first, at most {@code limit}.
   */
  public List<Alert> openAndRecent(Region scope, Instant since, int limit) throws IOException {
    String sql =
        "SELECT alert_id, center, province, rule, subject, status,"
            + " toUnixTimestamp(opened_at), ifNull(toUnixTimestamp(cleared_at), 0),"
            + " value, threshold, detail"
            + " FROM alerts FINAL"
            + " WHERE "
            + scopeCondition(scope)
            + " AND (status = 'open' OR opened_at >= toDateTime("
            + since.getEpochSecond()
            + "))"
            + " ORDER BY status = 'open' DESC, opened_at DESC, alert_id"
            + " LIMIT "
            + Math.max(0, limit);
    List<Alert> alerts = new ArrayList<>();
    for (List<String> r : http.query(sql)) {
      long cleared = Long.parseLong(r.get(7));
      alerts.add(
          new Alert(
              r.get(0),
              r.get(1),
              r.get(2),
              r.get(3),
              r.get(4),
              r.get(5).equals("open"),
              Instant.ofEpochSecond(Long.parseLong(r.get(6))),
              cleared == 0 ? null : Instant.ofEpochSecond(cleared),
              Double.parseDouble(r.get(8)),
              Double.parseDouble(r.get(9)),
              r.get(10)));
    }
    return alerts;
  }

  /** Recording figures per centre of the scope, for the days {@code from} to {@code to}. */
  public List<RecordingFigures> recordingFigures(Region scope, LocalDate from, LocalDate to)
      throws IOException {
    String sql =
        "SELECT center,"
            + " sum(answered AND outcome != 'orphan') AS sum_answered,"
            + " sum(answered AND outcome IN ('matched', 'short_recording')) AS sum_recorded,"
            + " sum(outcome = 'no_recording') AS sum_without,"
            + " sum(outcome = 'short_recording') AS sum_short,"
            + " sum(outcome = 'orphan') AS sum_orphans"
            + " FROM recording_matches FINAL"
            + " WHERE day BETWEEN '"
            + from
            + "' AND '"
            + to
            + "' AND "
            + scopeCondition(scope)
            + " GROUP BY center ORDER BY center";
    List<RecordingFigures> figures = new ArrayList<>();
    for (List<String> r : http.query(sql)) {
      long answered = Long.parseLong(r.get(1));
      long recorded = Long.parseLong(r.get(2));
      figures.add(
          new RecordingFigures(
              r.get(0),
              answered,
              recorded,
              Long.parseLong(r.get(3)),
              Long.parseLong(r.get(4)),
              Long.parseLong(r.get(5)),
              RecordingCoverage.of(recorded, answered)));
    }
    return figures;
  }

  /** The rows of a scope; the province too for a centre, so the tables' keys narrow the scan. */
  static String scopeCondition(Region scope) {
    if (scope.level() == RegionLevel.NATION) {
      return "1";
    }
    if (scope.level() == RegionLevel.PROVINCE) {
      return "province = '" + scope.code() + "'";
    }
    return "province = '" + scope.provinceCode() + "' AND center = '" + scope.code() + "'";
  }
}
