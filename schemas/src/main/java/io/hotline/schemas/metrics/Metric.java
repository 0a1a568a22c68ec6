package io.hotline.schemas.metrics;

import java.util.function.Function;

/**
 * Every group-level metric of CONTRACTS.md, defined once: how it is computed from a group's
 * additive {@link CallCounts} in Java, and the same definition as a ClickHouse expression over the
 * summed component columns (named as in {@code metrics_minute}), for queries that compute it in the
 * database. A test holds the two equal. Ratios come from summed counts, never from averaging
 * ratios; an empty denominator gives null, never zero.
 */
public enum Metric {
  /** 接通率: answered / offered. */
  ANSWER_RATE(
      "answer_rate",
      Unit.RATIO,
      c -> ratio(c.answered, c.offered),
      "sum_answered / nullIf(sum_offered, 0)"),
  /** Answered / (offered − short abandons). */
  NET_ANSWER_RATE(
      "net_answer_rate",
      Unit.RATIO,
      c -> ratio(c.answered, c.offered - c.shortAbandoned),
      "sum_answered / nullIf(sum_offered - sum_short_abandoned, 0)"),
  /** 放弃率, gross: abandoned / offered, short abandons included. */
  ABANDON_RATE(
      "abandon_rate",
      Unit.RATIO,
      c -> ratio(c.abandoned, c.offered),
      "sum_abandoned / nullIf(sum_offered, 0)"),
  /** (Abandoned − short abandons) / (offered − short abandons). */
  NET_ABANDON_RATE(
      "net_abandon_rate",
      Unit.RATIO,
      c -> ratio(c.abandoned - c.shortAbandoned, c.offered - c.shortAbandoned),
      "(sum_abandoned - sum_short_abandoned) / nullIf(sum_offered - sum_short_abandoned, 0)"),
  /** 15秒接通率: answered within 15 s / (offered − short abandons) (GB/T 33358-2016). */
  SL15(
      "sl15",
      Unit.RATIO,
      c -> ratio(c.answeredWithin15s, c.offered - c.shortAbandoned),
      "sum_answered_within_15s / nullIf(sum_offered - sum_short_abandoned, 0)"),
  /** 20秒接通率: answered within 20 s / (offered − short abandons) (the industry's 80/20). */
  SL20(
      "sl20",
      Unit.RATIO,
      c -> ratio(c.answeredWithin20s, c.offered - c.shortAbandoned),
      "sum_answered_within_20s / nullIf(sum_offered - sum_short_abandoned, 0)"),
  /** 平均应答时长 ASA: mean wait of answered calls, seconds. */
  ASA_S(
      "asa_s",
      Unit.SECONDS,
      c -> seconds(c.answeredWaitMs, c.answered),
      "sum_answered_wait_ms / 1000 / nullIf(sum_answered, 0)"),
  /** 平均等待时长: mean wait of answered and abandoned calls, seconds. */
  AVG_WAIT_S(
      "avg_wait_s",
      Unit.SECONDS,
      c -> seconds(c.answeredWaitMs + c.abandonedWaitMs, c.answered + c.abandoned),
      "(sum_answered_wait_ms + sum_abandoned_wait_ms) / 1000 / nullIf(sum_answered + sum_abandoned, 0)"),
  /** Mean wait of abandoned calls, seconds. */
  AVG_ABANDON_S(
      "avg_abandon_s",
      Unit.SECONDS,
      c -> seconds(c.abandonedWaitMs, c.abandoned),
      "sum_abandoned_wait_ms / 1000 / nullIf(sum_abandoned, 0)"),
  /** AHT: mean talk time of answered calls, seconds. */
  AHT_S(
      "aht_s",
      Unit.SECONDS,
      c -> seconds(c.talkMs, c.answered),
      "sum_talk_ms / 1000 / nullIf(sum_answered, 0)"),
  /** 满意率: (satisfied + basically satisfied) / rated calls. */
  SATISFACTION_RATE(
      "satisfaction_rate",
      Unit.RATIO,
      c -> ratio(c.sat1 + c.sat2, c.sat1 + c.sat2 + c.sat3),
      "(sum_sat_1 + sum_sat_2) / nullIf(sum_sat_1 + sum_sat_2 + sum_sat_3, 0)"),
  /** Median wait of answered calls, seconds (lower edge of its one-second bucket). */
  WAIT_P50_S("wait_p50_s", Unit.SECONDS, c -> WaitPercentiles.of(c, 0.50), null),
  /** 90th percentile wait of answered calls, seconds. */
  WAIT_P90_S("wait_p90_s", Unit.SECONDS, c -> WaitPercentiles.of(c, 0.90), null),
  /** 95th percentile wait of answered calls, seconds. */
  WAIT_P95_S("wait_p95_s", Unit.SECONDS, c -> WaitPercentiles.of(c, 0.95), null);

  /** How a value is shown: ratios as decimals (4 places), durations in seconds (1 place). */
  public enum Unit {
    RATIO(4),
    SECONDS(1);

    private final int decimals;

    Unit(int decimals) {
      this.decimals = decimals;
    }

    public int decimals() {
      return decimals;
    }
  }

  private final String column;
  private final Unit unit;
  private final Function<CallCounts, Double> compute;
  private final String sql;

  Metric(String column, Unit unit, Function<CallCounts, Double> compute, String sql) {
    this.column = column;
    this.unit = unit;
    this.compute = compute;
    this.sql = sql;
  }

  /** The metric's name in CSV headers, JSON and query aliases, e.g. {@code answer_rate}. */
  public String column() {
    return column;
  }

  public Unit unit() {
    return unit;
  }

  /** The value for a group, or null when its denominator is empty. */
  public Double of(CallCounts counts) {
    return compute.apply(counts);
  }

  /**
   * The ClickHouse expression over the summed components of {@link CallCountsSql} (aliases {@code
   * sum_<component>}), or null for percentiles (computed in Java from the summed histogram).
   */
  public String sql() {
    return sql;
  }

  private static Double ratio(long numerator, long denominator) {
    return denominator <= 0 ? null : (double) numerator / denominator;
  }

  private static Double seconds(long millis, long count) {
    return count <= 0 ? null : millis / 1000.0 / count;
  }
}
