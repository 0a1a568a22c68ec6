package io.hotline.reports.annual;

import io.hotline.reports.document.ChineseText;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricDefinitions;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The words and derived figures that the document and the annex share, so they never disagree: the
 * title, the coverage label (partial years say so), region names, rankings, year-on-year
 * comparisons and the fastest-growing topics.
 */
final class AnnualText {
  /** The statistical definitions, printed in both files (统一口径, CONTRACTS.md). */
  static final List<String> DEFINITIONS =
      List.of(
          "呼入总量：到达平台（含自助语音）的全部来电；按转人工时间（未转人工的按到达时间）计入所属时段。",
          "人工呼入：要求转人工服务的来电；人工接通：坐席应答的来电；放弃：人工呼入而未接通。",
          "短时放弃：等待不足" + MetricDefinitions.SHORT_ABANDON_MS / 1000 + "秒即放弃的来电。",
          "接通率 = 人工接通 / 人工呼入；放弃率 = 放弃 / 人工呼入（含短时放弃）。",
          "15秒（20秒）接通率 = 等待不超过15（20）秒即接通的来电 / （人工呼入 − 短时放弃），依据GB/T 33358-2016。",
          "平均应答时长 = 接通来电的平均等待时长；平均等待时长 = 接通及放弃来电的平均等待时长；平均通话时长 = 接通来电的平均通话时长。",
          "满意率 =（满意 + 基本满意）/ 参评来电；录音覆盖率 = 有录音记录的接通来电 / 接通来电。",
          "下行送达率 = 送达 / （送达 + 失败），待定短信不计入。",
          "所有比率均由合计数计算，不对比率求平均；分母为零时不给出数值（记为“—”或空白），不记为零。");

  private final AnnualData data;
  private final Regions regions;

  AnnualText(AnnualData data, Regions regions) {
    this.data = data;
    this.regions = regions;
  }

  String title() {
    return data.scope.name() + data.year + "年度12333、12370号码使用情况报告";
  }

  /** The span of the data, and whether the year is partial. */
  String coverage() {
    Completeness c = data.completeness;
    String span = ChineseText.date(c.firstDay()) + "至" + ChineseText.date(c.lastDay());
    return c.wholeYear(data.year) ? "全年（" + span + "）" : "部分年度：数据仅覆盖" + span;
  }

  boolean partialYear() {
    return !data.completeness.wholeYear(data.year);
  }

  String queryParameters() {
    return "year="
        + data.year
        + (data.scope.national() ? ", scope=national" : ", province=" + data.scope.code())
        + ", lines=12333,12370, tables=calls_daily/topics_daily/sms_daily FINAL";
  }

  /** Whether a month of the year lies (at least partly) inside the data's span. */
  boolean monthInData(int month) {
    YearMonth m = YearMonth.of(data.year, month);
    Completeness c = data.completeness;
    return !m.isBefore(YearMonth.from(c.firstDay())) && !m.isAfter(YearMonth.from(c.lastDay()));
  }

  String month(int month) {
    return month + "月";
  }

  String regionName(String code) {
    return regions.find(code).map(Region::name).orElse(code);
  }

  /** Units by answer rate, best first; units without offered calls last, by code. */
  static List<LineYear.Unit> ranked(LineYear line) {
    List<LineYear.Unit> units = new ArrayList<>(line.units.values());
    units.removeIf(u -> u.counts.totalInbound == 0);
    Comparator<LineYear.Unit> byRate =
        Comparator.comparing(
            (LineYear.Unit u) -> Metric.ANSWER_RATE.of(u.counts),
            Comparator.nullsLast(Comparator.reverseOrder()));
    units.sort(byRate.thenComparing(u -> u.code));
    return units;
  }

  static String hourRange(int hour) {
    return String.format("%02d:00-%02d:00", hour, hour + 1);
  }

  /** One row of a year-on-year table: a count or a ratio now and a year before (null if none). */
  record Comparison(String label, boolean ratio, Double now, Double before) {}

  List<Comparison> yearOnYear(LineYear line) {
    List<Integer> months = line.comparableMonths();
    if (months.isEmpty()) {
      return List.of(); // nothing to compare with: say so rather than print zeros
    }
    CallCounts now = LineYear.sum(line.months, months);
    CallCounts before = LineYear.sum(line.previousMonths, months);
    List<Comparison> rows = new ArrayList<>();
    rows.add(count("呼入总量", now.totalInbound, before.totalInbound));
    rows.add(count("人工呼入", now.offered, before.offered));
    rows.add(count("人工接通", now.answered, before.answered));
    rows.add(ratio("接通率", Metric.ANSWER_RATE, now, before));
    rows.add(ratio("放弃率", Metric.ABANDON_RATE, now, before));
    rows.add(ratio("15秒接通率", Metric.SL15, now, before));
    rows.add(ratio("满意率", Metric.SATISFACTION_RATE, now, before));
    return rows;
  }

  /**
   * Which months a line's year-on-year figures cover: 全年, or the months with data in both years
   * (e.g. 7–12月) when either year is partial; null when none.
   */
  static String comparedMonths(LineYear line) {
    List<Integer> months = line.comparableMonths();
    if (months.isEmpty()) {
      return null;
    }
    if (months.size() == 12) {
      return "全年";
    }
    List<String> ranges = new ArrayList<>();
    int start = months.get(0);
    int prev = start;
    for (int i = 1; i <= months.size(); i++) {
      int m = i < months.size() ? months.get(i) : -1;
      if (m != prev + 1) {
        ranges.add(start == prev ? start + "月" : start + "–" + prev + "月");
        start = m;
      }
      prev = m;
    }
    return String.join("、", ranges);
  }

  private static Comparison count(String label, long now, long before) {
    return new Comparison(label, false, (double) now, (double) before);
  }

  private static Comparison ratio(String label, Metric m, CallCounts now, CallCounts before) {
    return new Comparison(label, true, m.of(now), m.of(before));
  }

  private double[] halfDays() {
    Completeness c = data.completeness;
    LocalDate midYear = LocalDate.of(data.year, 7, 1);
    double first =
        Math.max(
            0,
            Math.min(midYear.toEpochDay(), c.lastDay().toEpochDay() + 1)
                - c.firstDay().toEpochDay());
    double second =
        Math.max(
            0,
            c.lastDay().toEpochDay()
                + 1
                - Math.max(midYear.toEpochDay(), c.firstDay().toEpochDay()));
    return new double[] {first == 0 ? Double.NaN : first, second == 0 ? Double.NaN : second};
  }
}
