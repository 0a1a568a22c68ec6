package io.hotline.reports.annual;

import io.hotline.reports.document.ExcelSheet;
import io.hotline.reports.document.ExcelWorkbook.Style;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The call columns of the annex tables: the additive components as numbers, then every ratio as an
 * Excel formula over them. The formulas are the third spelling of the definitions in {@link Metric}
 * (after Java and SQL); {@code CallColumnsTest} evaluates them and holds them equal to {@link
 * Metric#of}. Empty denominators give an empty cell, as the metric gives null.
 */
final class CallColumns {
  /** The component columns, in order. */
  static final List<String> COMPONENTS =
      List.of(
          "呼入总量",
          "自助服务(IVR)",
          "人工呼入",
          "人工接通",
          "放弃",
          "短时放弃(<5秒)",
          "15秒内接通",
          "20秒内接通",
          "接通等待合计(秒)",
          "放弃等待合计(秒)",
          "通话时长合计(秒)",
          "满意",
          "基本满意",
          "不满意");

  /** The ratio columns: header and the formula over the components' cell references. */
  record Ratio(String header, Metric metric, Function<Refs, String> formula) {}

  static final List<Ratio> RATIOS =
      List.of(
          new Ratio("接通率", Metric.ANSWER_RATE, r -> div(r.answered(), r.offered())),
          new Ratio("放弃率", Metric.ABANDON_RATE, r -> div(r.abandoned(), r.offered())),
          new Ratio(
              "15秒接通率",
              Metric.SL15,
              r -> div(r.within15(), "(" + r.offered() + "-" + r.shortAbandoned() + ")")),
          new Ratio(
              "20秒接通率",
              Metric.SL20,
              r -> div(r.within20(), "(" + r.offered() + "-" + r.shortAbandoned() + ")")),
          new Ratio("平均应答时长(秒)", Metric.ASA_S, r -> div(r.answeredWait(), r.answered())),
          new Ratio(
              "平均等待时长(秒)",
              Metric.AVG_WAIT_S,
              r ->
                  div(
                      "(" + r.answeredWait() + "+" + r.abandonedWait() + ")",
                      "(" + r.answered() + "+" + r.abandoned() + ")")),
          new Ratio("平均通话时长(秒)", Metric.AHT_S, r -> div(r.talk(), r.answered())),
          new Ratio(
              "满意率",
              Metric.SATISFACTION_RATE,
              r ->
                  div(
                      "(" + r.sat1() + "+" + r.sat2() + ")",
                      "(" + r.sat1() + "+" + r.sat2() + "+" + r.sat3() + ")")));

  private CallColumns() {}

  /** All headers: components, then ratios. */
  static List<String> headers() {
    List<String> h = new ArrayList<>(COMPONENTS);
    RATIOS.forEach(r -> h.add(r.header()));
    return h;
  }

  /** Cell references of one row's components, starting at a 0-based column. */
  record Refs(int row, int firstColumn) {
    static Refs of(int row, int firstColumn) {
      return new Refs(row, firstColumn);
    }

    String cell(int offset) {
      String col = ExcelSheet.column(firstColumn + offset);
      return col + row;
    }

    String offered() {
      return cell(2);
    }

    String answered() {
      return cell(3);
    }

    String abandoned() {
      return cell(4);
    }

    String shortAbandoned() {
      return cell(5);
    }

    String within15() {
      return cell(6);
    }

    String within20() {
      return cell(7);
    }

    String answeredWait() {
      return cell(8);
    }

    String abandonedWait() {
      return cell(9);
    }

    String talk() {
      return cell(10);
    }

    String sat1() {
      return cell(11);
    }

    String sat2() {
      return cell(12);
    }

    String sat3() {
      return cell(13);
    }
  }

  private static String div(String numerator, String denominator) {
    return "IF(" + denominator + "=0,\"\"," + numerator + "/" + denominator + ")";
  }

  /** Writes a group's components and ratio formulas from the writer's current column on. */
  static void write(ExcelSheet.RowWriter w, CallCounts c) {
    Refs refs = Refs.of(w.rowNumber(), w.column());
    w.count(c.totalInbound)
        .count(c.ivrOnly)
        .count(c.offered)
        .count(c.answered)
        .count(c.abandoned)
        .count(c.shortAbandoned)
        .count(c.answeredWithin15s)
        .count(c.answeredWithin20s)
        .number(c.answeredWaitMs / 1000.0, Style.DECIMAL)
        .number(c.abandonedWaitMs / 1000.0, Style.DECIMAL)
        .number(c.talkMs / 1000.0, Style.DECIMAL)
        .count(c.sat1)
        .count(c.sat2)
        .count(c.sat3);
    ratios(w, refs);
  }

  /**
   * Writes a totals row: each component the SUM of the rows above ({@code fromRow}..{@code toRow},
   * 1-based), then the same ratio formulas over those sums.
   */
  static void writeTotals(ExcelSheet.RowWriter w, int fromRow, int toRow) {
    Refs refs = Refs.of(w.rowNumber(), w.column());
    for (int i = 0; i < COMPONENTS.size(); i++) {
      String col = ExcelSheet.column(w.column());
      w.formula(
          "SUM(" + col + fromRow + ":" + col + toRow + ")",
          i >= 8 && i <= 10 ? Style.DECIMAL : Style.COUNT);
    }
    ratios(w, refs);
  }

  private static void ratios(ExcelSheet.RowWriter w, Refs refs) {
    for (Ratio r : RATIOS) {
      w.formula(
          r.formula().apply(refs),
          r.metric().unit() == Metric.Unit.RATIO ? Style.PERCENT : Style.SECONDS);
    }
  }
}
