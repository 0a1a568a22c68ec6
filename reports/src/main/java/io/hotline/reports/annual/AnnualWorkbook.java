package io.hotline.reports.annual;

import io.hotline.reports.document.ExcelSheet;
import io.hotline.reports.document.ExcelWorkbook;
import io.hotline.reports.document.ExcelWorkbook.Style;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricDefinitions;
import io.hotline.schemas.metrics.SmsCounts;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The data annex of an annual report (.xlsx): one sheet per table of the report, real numbers,
 * ratios as formulas over the counts beside them, totals as sums, and a first sheet saying how the
 * numbers were made (parameters, data cut-off, definitions version, rows read).
 */
final class AnnualWorkbook {
  static final String PROVENANCE = "说明";
  static final String SUMMARY = "年度汇总";
  static final String MONTHLY = "分月";
  static final String YEAR_ON_YEAR = "同比";
  static final String PEAKS = "高峰";
  static final String CATEGORIES = "话题大类";
  static final String SUBCATEGORIES = "话题小类";
  static final String SMS = "短信";
  static final String COMPLETENESS = "数据完整性";
  static final String RANKING = "省份排名";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AnnualData data;
  private final AnnualText text;
  private final Regions regions;
  private final LocalDateTime generatedAt;

  AnnualWorkbook(AnnualData data, AnnualText text, Regions regions, LocalDateTime generatedAt) {
    this.data = data;
    this.text = text;
    this.regions = regions;
    this.generatedAt = generatedAt;
  }

  /** The name of the per-unit sheet: 分城市 or 分省份. */
  static String unitSheet(ReportScope scope) {
    return "分" + scope.unitLabel();
  }

  void write(OutputStream out) throws IOException {
    try (ExcelWorkbook book = new ExcelWorkbook()) {
      provenance(book.sheet(PROVENANCE));
      summary(book.sheet(SUMMARY));
      monthly(book.sheet(MONTHLY));
      units(book.sheet(unitSheet(data.scope)));
      if (data.scope.national()) {
        ranking(book.sheet(RANKING));
      }
      yearOnYear(book.sheet(YEAR_ON_YEAR));
      peaks(book.sheet(PEAKS));
      topics(book.sheet(CATEGORIES), data.categories);
      topics(book.sheet(SUBCATEGORIES), data.subcategories);
      sms(book.sheet(SMS));
      completeness(book.sheet(COMPLETENESS));
      book.write(out);
    }
  }

  private void provenance(ExcelSheet s) {
    s.title(text.title());
    s.header(List.of("项目", "内容"));
    s.width(0, 24).width(1, 90);
    pair(s, "地区", data.scope.name() + "（" + data.scope.code() + "）");
    pair(s, "年度", Integer.toString(data.year));
    pair(s, "号码", "12333、12370（语音及短信）");
    pair(s, "数据覆盖", text.coverage());
    pair(s, "生成时间", generatedAt.format(TIME) + "（北京时间）");
    pair(
        s,
        "数据截止时间",
        data.dataCutOff == null ? "—" : data.dataCutOff.format(TIME) + "（最新一条入库数据的入库时间）");
    pair(s, "统计口径版本", MetricDefinitions.VERSION);
    pair(s, "地区代码表版本", regions.version());
    pair(s, "话题代码表版本", Topics.standard().version());
    pair(s, "查询参数", text.queryParameters());
    pair(s, "无话题分类的来电", Long.toString(data.unclassifiedCalls));
    for (Map.Entry<String, Long> e : data.rowsRead.entrySet()) {
      pair(s, "读取行数：" + e.getKey(), Long.toString(e.getValue()));
    }
    for (String definition : AnnualText.DEFINITIONS) {
      pair(s, "口径", definition);
    }
    s.finish();
  }

  private static void pair(ExcelSheet s, String key, String value) {
    s.row().text(key).text(value);
  }

  private static List<String> with(List<String> first, List<String> rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    return all;
  }

  private void summary(ExcelSheet s) {
    List<String> header = with(List.of("号码"), CallColumns.headers());
    header.addAll(List.of("应答等待P50(秒)", "应答等待P90(秒)", "应答等待P95(秒)", "有录音的接通", "录音覆盖率"));
    s.header(header);
    int first = s.nextRowNumber();
    for (LineYear line : data.lines.values()) {
      ExcelSheet.RowWriter w = s.row().text(line.line.number());
      CallColumns.write(w, line.year);
      w.seconds(Metric.WAIT_P50_S.of(line.year))
          .seconds(Metric.WAIT_P90_S.of(line.year))
          .seconds(Metric.WAIT_P95_S.of(line.year));
      coverage(w, line.recordingsMatched, CallColumns.COMPONENTS.indexOf("人工接通") + 1);
    }
    ExcelSheet.RowWriter total = s.row().text("合计");
    CallColumns.writeTotals(total, first, first + data.lines.size() - 1);
    s.finish();
  }

  /** Answered calls with a recording, and the coverage as a formula over the answered column. */
  private static void coverage(ExcelSheet.RowWriter w, long matched, int answeredColumn) {
    String answered = ExcelSheet.column(answeredColumn) + w.rowNumber();
    String matchedRef = ExcelSheet.column(w.column()) + w.rowNumber();
    w.count(matched)
        .formula("IF(" + answered + "=0,\"\"," + matchedRef + "/" + answered + ")", Style.PERCENT);
  }

  private void monthly(ExcelSheet s) {
    s.header(with(List.of("号码", "月份"), CallColumns.headers()));
    for (LineYear line : data.lines.values()) {
      for (int m = 0; m < 12; m++) {
        if (line.months[m].totalInbound == 0 && !text.monthInData(m + 1)) {
          continue; // outside the data's span: not a zero, just unknown (see 数据完整性)
        }
        ExcelSheet.RowWriter w = s.row().text(line.line.number()).text(text.month(m + 1));
        CallColumns.write(w, line.months[m]);
      }
    }
    s.finish();
  }

  private void units(ExcelSheet s) {
    List<String> header =
        with(
            List.of("号码", data.scope.unitLabel() + "代码", data.scope.unitLabel(), "数据首日"),
            CallColumns.headers());
    header.addAll(List.of("有录音的接通", "录音覆盖率"));
    s.header(header);
    for (LineYear line : data.lines.values()) {
      for (LineYear.Unit u : line.units.values()) {
        ExcelSheet.RowWriter w =
            s.row()
                .text(line.line.number())
                .text(u.code)
                .text(text.regionName(u.code))
                .text(u.firstDay == null ? "" : u.firstDay.toString());
        CallColumns.write(w, u.counts);
        coverage(w, u.recordingsMatched, 4 + CallColumns.COMPONENTS.indexOf("人工接通"));
      }
    }
    s.finish();
  }

  private void ranking(ExcelSheet s) {
    s.header(with(List.of("号码", "名次", "省份代码", "省份"), CallColumns.headers()));
    for (LineYear line : data.lines.values()) {
      int rank = 0;
      for (LineYear.Unit u : AnnualText.ranked(line)) {
        ExcelSheet.RowWriter w =
            s.row()
                .text(line.line.number())
                .count(++rank)
                .text(u.code)
                .text(text.regionName(u.code));
        CallColumns.write(w, u.counts);
      }
    }
    s.finish();
  }

  private void yearOnYear(ExcelSheet s) {
    s.header(List.of("号码", "指标", "可比月份", data.year + "年", (data.year - 1) + "年", "变化"));
    for (LineYear line : data.lines.values()) {
      String compared = AnnualText.comparedMonths(line);
      if (compared == null) {
        s.row().text(line.line.number()).text("—").text("上年同期无数据");
      }
      for (AnnualText.Comparison c : text.yearOnYear(line)) {
        ExcelSheet.RowWriter w = s.row().text(line.line.number()).text(c.label()).text(compared);
        String now = ExcelSheet.column(3) + w.rowNumber();
        String before = ExcelSheet.column(4) + w.rowNumber();
        if (c.ratio()) {
          w.ratio(c.now()).ratio(c.before());
          w.formula(
              "IF(OR(" + now + "=\"\"," + before + "=\"\"),\"\"," + now + "-" + before + ")",
              Style.PERCENT);
        } else {
          w.number(c.now(), Style.COUNT).number(c.before(), Style.COUNT);
          w.formula(
              "IF(OR(" + before + "=\"\"," + before + "=0),\"\"," + now + "/" + before + "-1)",
              Style.PERCENT);
        }
      }
    }
    s.finish();
  }

  private void peaks(ExcelSheet s) {
    s.header(List.of("号码", "项目", "日期", "时段", "呼入量"));
    for (LineYear line : data.lines.values()) {
      if (line.peakDay != null) {
        s.row()
            .text(line.line.number())
            .text("高峰日")
            .text(line.peakDay.day().toString())
            .text("全天")
            .count(line.peakDay.inbound());
      }
      if (line.peakHour != null) {
        s.row()
            .text(line.line.number())
            .text("高峰小时")
            .text(line.peakHour.day().toString())
            .text(AnnualText.hourRange(line.peakHour.hour()))
            .count(line.peakHour.inbound());
      }
      for (int h = 0; h < 24; h++) {
        s.row()
            .text(line.line.number())
            .text("全年分时段呼入")
            .text("")
            .text(AnnualText.hourRange(h))
            .count(line.inboundByHourOfDay[h]);
      }
    }
    s.finish();
  }

  private void topics(ExcelSheet s, List<TopicYear> topics) {
    s.header(
        List.of("代码", "名称", data.year + "年话题量", "占比", "上半年", "下半年", (data.year - 1) + "年", "同比增长"));
    int first = s.nextRowNumber();
    int last = first + topics.size() - 1;
    for (TopicYear t : topics) {
      ExcelSheet.RowWriter w = s.row().text(t.code()).text(t.name()).count(t.year());
      int r = w.rowNumber();
      w.formula("C" + r + "/SUM(C$" + first + ":C$" + last + ")", Style.PERCENT)
          .count(t.firstHalf())
          .count(t.secondHalf())
          .count(t.previousYear())
          .formula("IF(G" + r + "=0,\"\",C" + r + "/G" + r + "-1)", Style.PERCENT);
    }
    s.finish();
  }

  private void sms(ExcelSheet s) {
    s.header(
        List.of("号码", "月份", "上行条数", "上行计费条数", "下行条数", "下行计费条数", "下行送达", "下行失败", "下行待定", "下行送达率"));
    for (LineYear line : data.lines.values()) {
      int first = s.nextRowNumber();
      for (int m = 0; m < 12; m++) {
        if (!text.monthInData(m + 1) && line.smsMonths[m].messages() == 0) {
          continue;
        }
        smsRow(s.row().text(line.line.number()).text(text.month(m + 1)), line.smsMonths[m]);
      }
      int last = s.nextRowNumber() - 1;
      ExcelSheet.RowWriter total = s.row().text(line.line.number()).text("全年");
      for (int c = 2; c <= 8; c++) {
        String col = ExcelSheet.column(c);
        total.formula("SUM(" + col + first + ":" + col + last + ")", Style.COUNT);
      }
      deliveryRate(total);
    }
    s.finish();
  }

  private static void smsRow(ExcelSheet.RowWriter w, SmsCounts c) {
    w.count(c.moMessages)
        .count(c.moSegments)
        .count(c.mtMessages)
        .count(c.mtSegments)
        .count(c.mtDelivered)
        .count(c.mtFailed)
        .count(c.mtPending);
    deliveryRate(w);
  }

  /** 下行送达率 = 送达 / (送达 + 失败), as {@link SmsCounts#deliveryRate()}. */
  private static void deliveryRate(ExcelSheet.RowWriter w) {
    int r = w.rowNumber();
    w.formula(
        "IF((G" + r + "+H" + r + ")=0,\"\",G" + r + "/(G" + r + "+H" + r + "))", Style.PERCENT);
  }

  private void completeness(ExcelSheet s) {
    Completeness c = data.completeness;
    s.header(
        List.of(
            "类别", data.scope.unitLabel() + "代码", data.scope.unitLabel(), "月份", "有数据天数", "应有天数"));
    for (String unit : c.unitsWithoutData()) {
      s.row().text("全年无数据").text(unit).text(text.regionName(unit)).text("").count(0).count(0);
    }
    for (Completeness.Gap g : c.gaps()) {
      s.row()
          .text("月内缺数据")
          .text(g.unit())
          .text(text.regionName(g.unit()))
          .text(g.month().toString())
          .count(g.daysWithData())
          .count(g.daysExpected());
    }
    s.finish();
  }
}
