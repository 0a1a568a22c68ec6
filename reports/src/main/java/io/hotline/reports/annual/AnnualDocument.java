package io.hotline.reports.annual;

import static io.hotline.reports.document.ChineseText.count;
import static io.hotline.reports.document.ChineseText.metric;
import static io.hotline.reports.document.ChineseText.percent;

import io.hotline.reports.document.Charts;
import io.hotline.reports.document.ChineseText;
import io.hotline.reports.document.WordDocument;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricDefinitions;
import io.hotline.schemas.metrics.RecordingCoverage;
import io.hotline.schemas.metrics.SmsCounts;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import io.hotline.schemas.trends.TopicTrend;
import io.hotline.schemas.trends.TrendReport;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The annual usage report as a formal Chinese document (.docx): numbered sections on the lines'
 * coverage, call volume and service quality for the year, each month and each city (or province),
 * year-on-year change, peaks, topics, SMS, recording coverage, and what the data does not cover.
 * Every figure is a {@link Metric} of the loaded components; the annex holds the same numbers.
 */
final class AnnualDocument {
  static final List<String> VOLUME_HEADER = List.of("呼入总量", "自助服务", "人工呼入", "人工接通", "放弃", "短时放弃");
  static final List<Metric> QUALITY =
      List.of(
          Metric.ANSWER_RATE,
          Metric.ABANDON_RATE,
          Metric.SL15,
          Metric.SL20,
          Metric.ASA_S,
          Metric.AVG_WAIT_S,
          Metric.AHT_S,
          Metric.SATISFACTION_RATE);
  static final List<String> QUALITY_HEADER =
      List.of("接通率", "放弃率", "15秒接通率", "20秒接通率", "平均应答时长(秒)", "平均等待时长(秒)", "平均通话时长(秒)", "满意率");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final AnnualData data;
  private final AnnualText text;
  private final Regions regions;
  private final LocalDateTime generatedAt;
  private final WordDocument doc = new WordDocument();
  private int tables;
  private int figures;

  AnnualDocument(AnnualData data, AnnualText text, Regions regions, LocalDateTime generatedAt) {
    this.data = data;
    this.text = text;
    this.regions = regions;
    this.generatedAt = generatedAt;
  }

  void write(OutputStream out) throws IOException {
    try (doc) {
      heading();
      overview();
      volumeAndQuality();
      monthly();
      units();
      peaks();
      topics();
      sms();
      recordings();
      dataNotes();
      signature();
      doc.write(out);
    }
  }

  private void heading() {
    doc.title(text.title());
    if (text.partialYear()) {
      doc.subtitle("（" + text.coverage() + "）");
    }
    doc.subtitle(data.scope.issuer() + "　" + ChineseText.date(generatedAt.toLocalDate()));
  }

  private void overview() {
    doc.section("基本情况");
    StringBuilder p = new StringBuilder();
    p.append("根据人社信息函〔2009〕35号、人社信息函〔2010〕43号要求，现将")
        .append(data.scope.name())
        .append(data.year)
        .append("年度12333、12370语音及短信号码使用情况报告如下。本报告数据")
        .append(text.coverage())
        .append("，统计口径版本")
        .append(MetricDefinitions.VERSION)
        .append("。");
    doc.paragraph(p.toString());
    List<Region> expected = data.scope.expectedUnits(regions);
    for (LineYear line : data.lines.values()) {
      long open = line.units.values().stream().filter(u -> u.counts.totalInbound > 0).count();
      doc.paragraph(
          line.line.number()
              + "号码：全年有话务数据的"
              + data.scope.unitLabel()
              + open
              + "个（共"
              + expected.size()
              + "个）。");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Region unit : expected) {
      List<String> row = new ArrayList<>(List.of(unit.name()));
      for (LineYear line : data.lines.values()) {
        LineYear.Unit u = line.units.get(unit.code());
        row.add(openingCell(unit, u));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>(List.of(data.scope.unitLabel()));
    data.lines
        .keySet()
        .forEach(l -> header.add(l.number() + (data.scope.national() ? "（有数据城市，数据首日）" : "（数据首日）")));
    table("各" + data.scope.unitLabel() + "号码开通情况", header, rows);
    doc.note("注：开通时间以本系统收到的第一条话单日期为准；“无数据”表示本系统未收到该地话单。");
  }

  /** 无数据, the first day of data, and nationally how many of the province's cities have data. */
  private String openingCell(Region unit, LineYear.Unit u) {
    if (u == null || u.firstDay == null || (data.scope.national() && u.citiesWithData == 0)) {
      return "无数据";
    }
    if (!data.scope.national()) {
      return u.firstDay.toString();
    }
    int cities = Math.max(1, regions.citiesOf(unit.code()).size());
    return u.citiesWithData + "/" + cities + "，" + u.firstDay;
  }

  private void volumeAndQuality() {
    doc.section("语音呼叫总体情况");
    for (LineYear line : data.lines.values()) {
      CallCounts c = line.year;
      StringBuilder p = new StringBuilder();
      p.append(line.line.number())
          .append("全年呼入总量")
          .append(count(c.totalInbound))
          .append("次，其中自助服务")
          .append(count(c.ivrOnly))
          .append("次，人工呼入")
          .append(count(c.offered))
          .append("次，人工接通")
          .append(count(c.answered))
          .append("次，接通率")
          .append(percent(Metric.ANSWER_RATE.of(c)))
          .append("，放弃率")
          .append(percent(Metric.ABANDON_RATE.of(c)))
          .append("，15秒接通率")
          .append(percent(Metric.SL15.of(c)))
          .append("，平均等待时长")
          .append(metric(Metric.AVG_WAIT_S, Metric.AVG_WAIT_S.of(c)))
          .append("，平均通话时长")
          .append(metric(Metric.AHT_S, Metric.AHT_S.of(c)))
          .append("，满意率")
          .append(percent(Metric.SATISFACTION_RATE.of(c)))
          .append("。");
      String compared = AnnualText.comparedMonths(line);
      if (compared != null) {
        List<AnnualText.Comparison> yoy = text.yearOnYear(line);
        p.append("与上年同期（")
            .append(compared)
            .append("）相比，呼入总量")
            .append(
                ChineseText.change(yoy.get(0).now().longValue(), yoy.get(0).before().longValue()))
            .append("，接通率")
            .append(ChineseText.pointChange(yoy.get(3).now(), yoy.get(3).before()))
            .append("。");
      } else {
        p.append("上年同期无该号码数据，不作同比。");
      }
      doc.paragraph(p.toString());
    }
    List<List<String>> volume = new ArrayList<>();
    List<List<String>> quality = new ArrayList<>();
    for (LineYear line : data.lines.values()) {
      volume.add(volumeRow(line.line.number(), line.year));
      quality.add(qualityRow(line.line.number(), line.year));
    }
    table("全年话务量（次）", with("号码", VOLUME_HEADER), volume);
    table("全年服务质量", with("号码", QUALITY_HEADER), quality);
    List<List<String>> yoy = new ArrayList<>();
    for (LineYear line : data.lines.values()) {
      if (AnnualText.comparedMonths(line) == null) {
        yoy.add(List.of(line.line.number(), "—", "上年同期无数据", ChineseText.NONE, ChineseText.NONE));
      }
      for (AnnualText.Comparison c : text.yearOnYear(line)) {
        yoy.add(
            List.of(
                line.line.number(),
                c.label(),
                c.ratio() ? percent(c.now()) : count(c.now().longValue()),
                c.ratio() ? percent(c.before()) : count(c.before().longValue()),
                c.ratio()
                    ? ChineseText.pointChange(c.now(), c.before())
                    : ChineseText.change(c.now().longValue(), c.before().longValue())));
      }
    }
    table("同比情况（同期可比月份）", List.of("号码", "指标", data.year + "年", (data.year - 1) + "年", "变化"), yoy);
    for (LineYear line : data.lines.values()) {
      String compared = AnnualText.comparedMonths(line);
      doc.note(
          "注："
              + line.line.number()
              + (compared == null ? "上年同期无数据。" : "同比按两年均有数据的月份（" + compared + "）计算。"));
    }
  }

  private void monthly() {
    doc.section("分月情况");
    for (LineYear line : data.lines.values()) {
      List<String> months = new ArrayList<>();
      List<Long> volumes = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      List<List<String>> volume = new ArrayList<>();
      List<List<String>> quality = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        if (!text.monthInData(m)) {
          continue;
        }
        CallCounts c = line.months[m - 1];
        months.add(text.month(m));
        volumes.add(c.totalInbound);
        rates.add(Metric.ANSWER_RATE.of(c));
        volume.add(volumeRow(text.month(m), c));
        quality.add(qualityRow(text.month(m), c));
      }
      figure(
          line.line.number() + "分月呼入量与接通率",
          Charts.barsWithRate(
              line.line.number() + " 分月呼入量与接通率", "呼入总量", "接通率", months, volumes, rates));
      table(line.line.number() + "分月话务量（次）", with("月份", VOLUME_HEADER), volume);
      table(line.line.number() + "分月服务质量", with("月份", QUALITY_HEADER), quality);
    }
  }

  private void units() {
    doc.section("分" + data.scope.unitLabel() + "情况");
    for (LineYear line : data.lines.values()) {
      List<LineYear.Unit> ranked = AnnualText.ranked(line);
      if (ranked.isEmpty()) {
        doc.paragraph(line.line.number() + "全年无分" + data.scope.unitLabel() + "数据。");
        continue;
      }
      List<List<String>> volume = new ArrayList<>();
      List<List<String>> quality = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<Double> answer = new ArrayList<>();
      List<Double> sl15 = new ArrayList<>();
      int rank = 0;
      for (LineYear.Unit u : ranked) {
        String name = text.regionName(u.code);
        volume.add(volumeRow(name, u.counts));
        List<String> q = qualityRow(name, u.counts);
        q.add(0, Integer.toString(++rank));
        quality.add(q);
        names.add(name);
        answer.add(percentValue(Metric.ANSWER_RATE.of(u.counts)));
        sl15.add(percentValue(Metric.SL15.of(u.counts)));
      }
      figure(
          line.line.number() + "各" + data.scope.unitLabel() + "接通率与15秒接通率",
          Charts.groupedBars(
              line.line.number() + " 各" + data.scope.unitLabel() + "接通率与15秒接通率（%）",
              "%",
              names,
              List.of("接通率", "15秒接通率"),
              List.of(answer, sl15)));
      table(
          line.line.number() + "分" + data.scope.unitLabel() + "话务量（次）",
          with(data.scope.unitLabel(), VOLUME_HEADER),
          volume);
      List<String> header = with(data.scope.unitLabel(), QUALITY_HEADER);
      header.add(0, "名次");
      table(line.line.number() + "分" + data.scope.unitLabel() + "服务质量（按接通率排名）", header, quality, 1);
    }
  }

  private static Double percentValue(Double ratio) {
    return ratio == null ? null : ratio * 100;
  }

  private void peaks() {
    doc.section("高峰时段");
    for (LineYear line : data.lines.values()) {
      if (line.peakDay == null) {
        doc.paragraph(line.line.number() + "全年无呼入。");
        continue;
      }
      doc.paragraph(
          line.line.number()
              + "全年呼入高峰日为"
              + ChineseText.date(line.peakDay.day())
              + "，当日呼入"
              + count(line.peakDay.inbound())
              + "次；高峰小时为"
              + ChineseText.date(line.peakHour.day())
              + AnnualText.hourRange(line.peakHour.hour())
              + "，呼入"
              + count(line.peakHour.inbound())
              + "次。");
      List<String> hours = new ArrayList<>();
      List<Long> inbound = new ArrayList<>();
      List<Double> share = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        hours.add(Integer.toString(h));
        inbound.add(line.inboundByHourOfDay[h]);
        share.add(
            line.year.totalInbound == 0
                ? null
                : (double) line.inboundByHourOfDay[h] / line.year.totalInbound);
      }
      figure(
          line.line.number() + "全年分时段呼入量",
          Charts.barsWithRate(
              line.line.number() + " 全年分时段呼入量（时）", "呼入总量", "占全天比例", hours, inbound, share));
    }
  }

  private void topics() {
    doc.section("咨询话题情况");
    long total = data.categories.stream().mapToLong(TopicYear::year).sum();
    if (total == 0) {
      doc.paragraph("全年来电均未按话题代码表分类。");
      return;
    }
    doc.paragraph(
        "全年按人社信息函〔2010〕52号话题代码表分类的来电" + count(total) + "次。来电最多的话题大类前十位、话题小类前十位及显著上升的话题小类见下表。");
    List<TopicYear> topCategories =
        data.categories.subList(0, Math.min(10, data.categories.size()));
    List<List<String>> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (TopicYear t : topCategories) {
      rows.add(topicRow(t, total));
      names.add(t.name());
      shares.add(t.year() * 100.0 / total);
    }
    figure("话题大类占比", Charts.horizontalBars("话题大类占比（%，前十位）", "占比（%）", names, shares));
    table("话题大类前十位", List.of("代码", "名称", "来电量", "占比", "上年", "同比"), rows, 1);
    rows = new ArrayList<>();
    for (TopicYear t : data.subcategories.subList(0, Math.min(10, data.subcategories.size()))) {
      rows.add(topicRow(t, total));
    }
    table("话题小类前十位", List.of("代码", "名称", "来电量", "占比", "上年", "同比"), rows, 1);
    risingTopics();
  }

  /** The rising, spiking and new 12333 sub-categories, by the method the dashboard uses. */
  private void risingTopics() {
    List<List<String>> rows = new ArrayList<>();
    boolean wholeYear = data.topicTrends.size() == 1;
    for (TrendReport r : data.topicTrends) {
      for (TopicTrend t : r.subcategories()) {
        if (t.flagged() && rows.size() < MAX_RISING_ROWS) {
          rows.add(risingRow(r, t));
        }
      }
    }
    if (rows.isEmpty()) {
      doc.paragraph(
          wholeYear
              ? "经统计检验，12333热线全年没有来电量显著高于上年的话题小类。"
              : "经统计检验，12333热线各月均未发现来电量显著上升、突增或新出现的话题小类。");
    } else {
      table(
          wholeYear ? "显著上升的话题小类（12333，与上年相比）" : "各月显著上升、突增或新出现的话题小类（12333）",
          List.of("代码", "名称", "情况", "日期", "来电量", "预测", "倍数"),
          rows,
          1);
    }
    doc.note(
        "注：预测按基期（上年同期；无上年数据时为此前8周）各话题在工作日、休息日的占比分别计算；"
            + "“上升”指来电量显著高于预测（精确条件二项检验，Benjamini–Hochberg法控制错误发现率5%），"
            + "且不少于20次、为预测的1.5倍以上；“突增”指仅单日显著异常；“新出现”指该地区此前从未有该话题来电。");
  }

  private static final int MAX_RISING_ROWS = 20;

  private List<String> risingRow(TrendReport r, TopicTrend t) {
    String name = Topics.standard().find(t.code()).map(x -> x.name()).orElse(t.code());
    TopicTrend.Episode e = t.episode();
    String span =
        e == null
            ? r.period().label()
            : e.from().equals(e.to()) ? md(e.from()) : span(e.from(), e.to());
    long calls = e == null ? t.calls() : e.calls();
    double expected = e == null ? 0 : e.expected();
    return List.of(
        t.code(),
        name,
        t.status().chinese(),
        span,
        count(calls),
        expected > 0 ? count(Math.round(expected)) : "—",
        expected > 0 ? String.format(java.util.Locale.ROOT, "%.1f", calls / expected) : "—");
  }

  /** 2月10—14日, or 4月28日—5月2日 across a month's end. */
  private static String span(java.time.LocalDate from, java.time.LocalDate to) {
    return from.getMonth() == to.getMonth()
        ? from.getMonthValue() + "月" + from.getDayOfMonth() + "—" + to.getDayOfMonth() + "日"
        : md(from) + "—" + md(to);
  }

  private static String md(java.time.LocalDate d) {
    return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private List<String> topicRow(TopicYear t, long total) {
    return List.of(
        t.code(),
        t.name(),
        count(t.year()),
        percent((double) t.year() / total),
        t.previousYear() == 0 ? ChineseText.NONE : count(t.previousYear()),
        ChineseText.change(t.year(), t.previousYear()));
  }

  private void sms() {
    doc.section("短信号码使用情况");
    List<List<String>> rows = new ArrayList<>();
    for (LineYear line : data.lines.values()) {
      SmsCounts s = line.sms;
      doc.paragraph(
          line.line.number()
              + "短信号码全年上行短信"
              + count(s.moMessages)
              + "条（计费"
              + count(s.moSegments)
              + "条），下行短信"
              + count(s.mtMessages)
              + "条（计费"
              + count(s.mtSegments)
              + "条），下行送达率"
              + percent(s.deliveryRate())
              + (line.previousSms.messages() > 0
                  ? "；短信总量同比" + ChineseText.change(s.messages(), line.previousSms.messages())
                  : "")
              + "。");
      rows.add(
          List.of(
              line.line.number(),
              count(s.moMessages),
              count(s.moSegments),
              count(s.mtMessages),
              count(s.mtSegments),
              count(s.mtFailed),
              count(s.mtPending),
              percent(s.deliveryRate())));
    }
    table("短信使用情况（条）", List.of("号码", "上行", "上行计费", "下行", "下行计费", "下行失败", "下行待定", "下行送达率"), rows);
  }

  private void recordings() {
    doc.section("录音覆盖情况");
    List<List<String>> rows = new ArrayList<>();
    for (LineYear line : data.lines.values()) {
      rows.add(
          List.of(
              line.line.number(),
              "合计",
              count(line.year.answered),
              count(line.recordingsMatched),
              percent(RecordingCoverage.of(line.recordingsMatched, line.year.answered))));
      for (LineYear.Unit u : line.units.values()) {
        if (u.counts.totalInbound == 0) {
          continue;
        }
        rows.add(
            List.of(
                line.line.number(),
                text.regionName(u.code),
                count(u.counts.answered),
                count(u.recordingsMatched),
                percent(RecordingCoverage.of(u.recordingsMatched, u.counts.answered))));
      }
    }
    doc.paragraph("按“所有电话全程录音，用于抽检考评”的要求，接通来电的录音覆盖情况如下。");
    table("录音覆盖情况", List.of("号码", data.scope.unitLabel(), "人工接通", "有录音", "录音覆盖率"), rows);
  }

  private void dataNotes() {
    doc.section("数据说明");
    Completeness c = data.completeness;
    doc.paragraph(
        "数据截止时间："
            + (data.dataCutOff == null ? "—" : data.dataCutOff.format(TIME))
            + "（北京时间）；报告生成时间："
            + generatedAt.format(TIME)
            + "。数据覆盖："
            + text.coverage()
            + "。");
    if (!c.unitsWithoutData().isEmpty()) {
      List<String> names = new ArrayList<>();
      c.unitsWithoutData().forEach(u -> names.add(text.regionName(u)));
      doc.paragraph(
          "以下"
              + data.scope.unitLabel()
              + "全年无话单数据，本报告未包含其情况（不按零计）："
              + String.join("、", names)
              + "。");
    }
    if (!c.gaps().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (Completeness.Gap g : c.gaps()) {
        rows.add(
            List.of(
                text.regionName(g.unit()),
                g.month().getYear() + "年" + g.month().getMonthValue() + "月",
                Integer.toString(g.daysWithData()),
                Integer.toString(g.daysExpected())));
      }
      doc.paragraph("以下" + data.scope.unitLabel() + "的部分月份存在无话单的日期，相关数据可能不完整：");
      table("数据不完整的月份", List.of(data.scope.unitLabel(), "月份", "有数据天数", "应有天数"), rows);
    }
    if (c.unitsWithoutData().isEmpty() && c.gaps().isEmpty()) {
      doc.paragraph("数据覆盖期内各" + data.scope.unitLabel() + "每日均有话单数据。");
    }
    if (data.lines.values().stream().anyMatch(l -> l.lateCalls > 0)) {
      long late = data.lines.values().stream().mapToLong(l -> l.lateCalls).sum();
      doc.paragraph("另有迟到话单" + count(late) + "条，已计入本报告各项统计。");
    }
    doc.paragraph("统计口径：");
    AnnualText.DEFINITIONS.forEach(doc::note);
  }

  private void signature() {
    doc.right(data.scope.issuer());
    doc.right(ChineseText.date(LocalDate.from(generatedAt)));
  }

  private void table(String caption, List<String> header, List<List<String>> rows) {
    table(caption, header, rows, 0);
  }

  private void table(String caption, List<String> header, List<List<String>> rows, int wide) {
    doc.caption("表" + ++tables + "　" + caption);
    doc.table(header, rows, wide);
  }

  private void figure(String caption, org.jfree.chart.JFreeChart chart) {
    doc.chart(chart, "figure" + (figures + 1));
    doc.caption("图" + ++figures + "　" + caption);
  }

  static List<String> volumeRow(String label, CallCounts c) {
    return new ArrayList<>(
        List.of(
            label,
            count(c.totalInbound),
            count(c.ivrOnly),
            count(c.offered),
            count(c.answered),
            count(c.abandoned),
            count(c.shortAbandoned)));
  }

  static List<String> qualityRow(String label, CallCounts c) {
    List<String> row = new ArrayList<>(List.of(label));
    for (Metric m : QUALITY) {
      row.add(ChineseText.metricCell(m, m.of(c)));
    }
    return row;
  }

  private static List<String> with(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }
}
