package io.hotline.schemas.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats metric values the same way in CSV files, reports and the dashboard's JSON. */
public final class MetricFormat {
  private MetricFormat() {}

  /** Rounded half-up to the unit's decimals; empty text when undefined. */
  public static String format(Metric metric, Double value) {
    if (value == null) {
      return "";
    }
    return BigDecimal.valueOf(value)
        .setScale(metric.unit().decimals(), RoundingMode.HALF_UP)
        .toPlainString();
  }
}
