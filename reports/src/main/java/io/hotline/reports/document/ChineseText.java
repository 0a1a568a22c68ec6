package io.hotline.reports.document;

import io.hotline.schemas.metrics.Metric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How numbers read in Chinese documents: counts with thousands separators, ratios as percentages
 * with two decimals, durations in seconds with one, dates as 2025年3月14日, and a dash when a value is
 * undefined (an empty denominator), never a zero.
 */
public final class ChineseText {
  /** Shown for a value that does not exist (empty denominator, no data). */
  public static final String NONE = "—";

  private static final String[] NUMERALS = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"
  };

  private ChineseText() {}

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A ratio as a percentage, e.g. 0.95123 → 95.12%. */
  public static String percent(Double ratio) {
    if (ratio == null) {
      return NONE;
    }
    return BigDecimal.valueOf(ratio * 100).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
  }

  /** A metric value: ratios as percentages, durations as seconds with one decimal. */
  public static String metric(Metric metric, Double value) {
    if (value == null) {
      return NONE;
    }
    if (metric.unit() == Metric.Unit.RATIO) {
      return percent(value);
    }
    return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString() + "秒";
  }

  /** A metric value for a table cell: like {@link #metric} but seconds without the unit. */
  public static String metricCell(Metric metric, Double value) {
    if (value == null || metric.unit() == Metric.Unit.RATIO) {
      return metric(metric, value);
    }
    return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }

  /** A change against a base, e.g. +13.63%; a dash when the base is missing or zero. */
  public static String change(long now, long base) {
    if (base <= 0) {
      return NONE;
    }
    double pct = (now - base) * 100.0 / base;
    String s = BigDecimal.valueOf(pct).setScale(2, RoundingMode.HALF_UP).toPlainString();
    return (pct > 0 ? "+" : "") + s + "%";
  }

  /** A change of a ratio in percentage points, e.g. +1.25个百分点. */
  public static String pointChange(Double now, Double base) {
    if (now == null || base == null) {
      return NONE;
    }
    double points = (now - base) * 100;
    String s = BigDecimal.valueOf(points).setScale(2, RoundingMode.HALF_UP).toPlainString();
    return (points > 0 ? "+" : "") + s + "个百分点";
  }

  public static String date(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  /** Section numbers of official documents: 一、二、三… */
  public static String sectionNumber(int n) {
    return n >= 1 && n <= NUMERALS.length ? NUMERALS[n - 1] : Integer.toString(n);
  }
}
