package io.hotline.schemas.metrics;

import java.util.List;

/**
 * The SQL side of {@link CallCounts}: select lists that sum a group's additive components, from the
 * per-call table {@code calls} (read with FINAL, so repeated rows count once) or from the component
 * tables ({@code metrics_minute}, {@code calls_daily}), all under the same column aliases; and the
 * reading of such a row back into {@link CallCounts}, where {@link Metric} computes the ratios.
 */
public final class CallCountsSql {
  /** The components, in the order both select lists produce them (aliased {@code sum_<name>}). */
  public static final List<String> COLUMNS =
      List.of(
          "total_inbound",
          "ivr_only",
          "offered",
          "answered",
          "abandoned",
          "short_abandoned",
          "out_of_hours",
          "voicemail",
          "blocked",
          "answered_within_15s",
          "answered_within_20s",
          "sat_1",
          "sat_2",
          "sat_3",
          "recorded_answered",
          "answered_wait_ms",
          "abandoned_wait_ms",
          "talk_ms",
          "wait_hist_seconds",
          "wait_hist_calls");

  // One-second wait buckets of answered calls, capped like the streaming histogram.
  private static final String WAIT_MAP_OF_CALLS =
      "sumMapIf([toUInt16(least(intDiv(assumeNotNull(wait_ms), 1000), "
          + (MetricDefinitions.WAIT_HISTOGRAM_BUCKETS - 1)
          + "))], [toUInt64(1)], answered = 1)";

  private static final String WAIT_MAP_OF_MINUTES = "sumMap(wait_hist_seconds, wait_hist_calls)";

  private CallCountsSql() {}

  /** The SQL alias of a component, e.g. {@code sum_answered}. */
  public static String alias(String component) {
    return "sum_" + component;
  }

  /**
   * Sums over rows of {@code calls FINAL}; the definitions match {@link CallCounts#add}. Nullable
   * columns are read through ifNull (a null wait or survey answer only occurs where the condition
   * is false anyway) so every sum is a plain number that can be inserted into a component table.
   * Aliases are {@code sum_}-prefixed because ClickHouse aliases are query-wide: an alias {@code
   * answered} would replace the column {@code answered} inside the other expressions.
   */
  public static String fromCalls() {
    return String.join(
        ",\n  ",
        "count() AS sum_total_inbound",
        "sum(ivr_only) AS sum_ivr_only",
        "sum(offered) AS sum_offered",
        "sum(answered) AS sum_answered",
        "sum(abandoned) AS sum_abandoned",
        "sum(short_abandoned) AS sum_short_abandoned",
        "sum(out_of_hours) AS sum_out_of_hours",
        "sum(voicemail) AS sum_voicemail",
        "sum(blocked) AS sum_blocked",
        "sum(answered AND ifNull(wait_ms, 0) <= "
            + MetricDefinitions.SL15_MS
            + ") AS sum_answered_within_15s",
        "sum(answered AND ifNull(wait_ms, 0) <= "
            + MetricDefinitions.SL20_MS
            + ") AS sum_answered_within_20s",
        "countIf(ifNull(satisfaction, 0) = 1) AS sum_sat_1",
        "countIf(ifNull(satisfaction, 0) = 2) AS sum_sat_2",
        "countIf(ifNull(satisfaction, 0) = 3) AS sum_sat_3",
        "sum(answered AND recording_id != '') AS sum_recorded_answered",
        "sumIf(ifNull(wait_ms, 0), answered = 1) AS sum_answered_wait_ms",
        "sumIf(ifNull(wait_ms, 0), abandoned = 1) AS sum_abandoned_wait_ms",
        "sumIf(ifNull(talk_ms, 0), answered = 1) AS sum_talk_ms",
        "tupleElement(" + WAIT_MAP_OF_CALLS + ", 1) AS sum_wait_hist_seconds",
        "tupleElement(" + WAIT_MAP_OF_CALLS + ", 2) AS sum_wait_hist_calls");
  }

  /**
   * Sums over rows of a table that stores the components under their own names: {@code
   * metrics_minute FINAL} (per minute) or {@code calls_daily FINAL} (per day).
   */
  public static String fromComponents() {
    StringBuilder b = new StringBuilder();
    for (String c : COLUMNS.subList(0, COLUMNS.size() - 2)) {
      b.append("sum(").append(c).append(") AS ").append(alias(c)).append(",\n  ");
    }
    b.append("tupleElement(" + WAIT_MAP_OF_MINUTES + ", 1) AS sum_wait_hist_seconds,\n  ");
    b.append("tupleElement(" + WAIT_MAP_OF_MINUTES + ", 2) AS sum_wait_hist_calls");
    return b.toString();
  }

  /**
   * Reads the components from a result row's values in {@link #COLUMNS} order, as text (the arrays
   * in ClickHouse's {@code [1,2,3]} notation).
   */
  public static CallCounts read(List<String> values) {
    if (values.size() != COLUMNS.size()) {
      throw new IllegalArgumentException(
          "expected " + COLUMNS.size() + " component values, got " + values.size());
    }
    CallCounts c = new CallCounts();
    int i = 0;
    c.totalInbound = Long.parseLong(values.get(i++));
    c.ivrOnly = Long.parseLong(values.get(i++));
    c.offered = Long.parseLong(values.get(i++));
    c.answered = Long.parseLong(values.get(i++));
    c.abandoned = Long.parseLong(values.get(i++));
    c.shortAbandoned = Long.parseLong(values.get(i++));
    c.outOfHours = Long.parseLong(values.get(i++));
    c.voicemail = Long.parseLong(values.get(i++));
    c.blocked = Long.parseLong(values.get(i++));
    c.answeredWithin15s = Long.parseLong(values.get(i++));
    c.answeredWithin20s = Long.parseLong(values.get(i++));
    c.sat1 = Long.parseLong(values.get(i++));
    c.sat2 = Long.parseLong(values.get(i++));
    c.sat3 = Long.parseLong(values.get(i++));
    c.recordedAnswered = Long.parseLong(values.get(i++));
    c.answeredWaitMs = Long.parseLong(values.get(i++));
    c.abandonedWaitMs = Long.parseLong(values.get(i++));
    c.talkMs = Long.parseLong(values.get(i++));
    long[] seconds = array(values.get(i++));
    long[] calls = array(values.get(i));
    for (int k = 0; k < seconds.length; k++) {
      c.addWait((int) seconds[k], calls[k]);
    }
    return c;
  }

  private static long[] array(String text) {
    String inner = text.strip();
    if (!inner.startsWith("[") || !inner.endsWith("]")) {
      throw new IllegalArgumentException("not an array: " + text);
    }
    inner = inner.substring(1, inner.length() - 1).strip();
    if (inner.isEmpty()) {
      return new long[0];
    }
    String[] parts = inner.split(",");
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Long.parseLong(parts[i].strip());
    }
    return out;
  }
}
