package io.hotline.reports.audit;

import static io.hotline.reports.document.ChineseText.count;
import static io.hotline.reports.document.ChineseText.percent;

import io.hotline.reports.ReportError;
import io.hotline.reports.document.Charts;
import io.hotline.reports.document.ChineseText;
import io.hotline.reports.document.ExcelSheet;
import io.hotline.reports.document.ExcelWorkbook;
import io.hotline.reports.document.ExcelWorkbook.Style;
import io.hotline.reports.document.WordDocument;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.metrics.MetricDefinitions;
import io.hotline.schemas.reference.Regions;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The half-year quality bulletin (质量监控通报), .docx with an .xlsx annex: per centre the
 * standardisation score of its sampled calls with a 95% confidence interval, the fail rate and the
 * most missed items; time to answer from all the centre's calls of the period (the shared metric
 * definitions); a ranking, the centres below the pass mark, and the previous half-year beside.
 */
public final class AuditBulletin {
  private final ClickHouseHttp clickHouse;
  private final ScoringForm form;
  private final Regions regions = Regions.standard();
  private final LocalDateTime generatedAt;

  public AuditBulletin(ClickHouseHttp clickHouse, ScoringForm form, LocalDateTime generatedAt) {
    this.clickHouse = clickHouse;
    this.form = form;
    this.generatedAt = generatedAt;
  }

  public AuditBulletin(ClickHouseHttp clickHouse, ScoringForm form) {
    this(clickHouse, form, LocalDateTime.now(ChinaTime.OFFSET));
  }

  public record Written(Path bulletin, Path annex) {}

  public Written write(AuditPeriod period, AuditScope scope, Path dir) throws IOException {
    AuditResults now = AuditResults.load(clickHouse, period, scope, form);
    if (now.centers.values().stream().noneMatch(c -> c.scored > 0)) {
      throw new ReportError(
          "no scored call of "
              + period
              + " in "
              + scope.region().name()
              + ": draw a sample, score it and import it first (`hotline audit draw`, `hotline audit import`).");
    }
    AuditResults before = AuditResults.load(clickHouse, period.previous(), scope, form);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ReportError("cannot create the output directory " + dir + ": " + e.getMessage());
    }
    String stem = period + "-" + scope.code() + "-";
    Path docx = dir.resolve(stem + "质量监控通报.docx");
    Path xlsx = dir.resolve(stem + "质量监控通报附表.xlsx");
    List<AuditResults.Center> ranked = ranked(now);
    try (OutputStream out = Files.newOutputStream(docx)) {
      document(now, before, ranked, scope, out);
    }
    try (OutputStream out = Files.newOutputStream(xlsx)) {
      annex(now, before, ranked, out);
    }
    return new Written(docx, xlsx);
  }

  /** Centres with scores, best mean score first; ties by code. */
  static List<AuditResults.Center> ranked(AuditResults r) {
    List<AuditResults.Center> list = new ArrayList<>();
    r.centers.values().stream().filter(c -> c.stats() != null).forEach(list::add);
    list.sort(
        Comparator.comparingDouble((AuditResults.Center c) -> -c.stats().mean())
            .thenComparing(c -> c.code));
    return list;
  }

  private String name(String code) {
    return regions.find(code).map(r -> r.name()).orElse(code);
  }

  static String points(double score) {
    return BigDecimal.valueOf(score * 100).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }

  private String interval(ScoreStats s) {
    return Double.isNaN(s.low()) ? ChineseText.NONE : points(s.low()) + "–" + points(s.high());
  }

  /** The items a centre most often missed (at least once), most frequent first, at most two. */
  private String mostMissed(AuditResults.Center c) {
    Map<String, ScoringForm.Item> items = form.itemsById();
    List<Map.Entry<String, int[]>> misses = new ArrayList<>(c.itemMisses.entrySet());
    misses.removeIf(e -> e.getValue()[0] == 0);
    misses.sort(
        Comparator.comparingDouble(
                (Map.Entry<String, int[]> e) -> -(double) e.getValue()[0] / e.getValue()[1])
            .thenComparing(Map.Entry::getKey));
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, int[]> e : misses.subList(0, Math.min(2, misses.size()))) {
      names.add(
          items.get(e.getKey()).text()
              + "（"
              + percent((double) e.getValue()[0] / e.getValue()[1])
              + "）");
    }
    return names.isEmpty() ? "无" : String.join("；", names);
  }

  private void document(
      AuditResults now,
      AuditResults before,
      List<AuditResults.Center> ranked,
      AuditScope scope,
      OutputStream out)
      throws IOException {
    try (WordDocument doc = new WordDocument()) {
      String area = scope.national() ? "全国" : scope.region().name();
      doc.title(area + "12333电话咨询服务" + now.period.chinese() + "质量监控通报");
      doc.subtitle(issuer(scope) + "　" + ChineseText.date(generatedAt.toLocalDate()));
      int sampled = ranked.stream().mapToInt(c -> c.sampled).sum();
      int scored = now.centers.values().stream().mapToInt(c -> c.scored).sum();
      doc.section("抽检基本情况");
      doc.paragraph(
          "按照每年上半年、下半年各开展一次质量监控的要求，对"
              + area
              + ranked.size()
              + "个中心"
              + now.period.chinese()
              + "的12333电话咨询服务进行了抽检，重点检查接通时间和应答服务规范化程度。各中心从有录音的人工接通来电中按月份和时段分层随机抽取样本"
              + count(sampled)
              + "通，完成评分"
              + count(scored)
              + "通；接通时间指标按该期间全部来电统计。");
      doc.section("应答服务规范化情况");
      List<String> names = new ArrayList<>();
      List<Double> means = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      int rank = 0;
      for (AuditResults.Center c : ranked) {
        ScoreStats s = c.stats();
        names.add(name(c.code));
        means.add(s.mean() * 100);
        rows.add(
            List.of(
                Integer.toString(++rank),
                name(c.code),
                Integer.toString(c.scored),
                points(s.mean()),
                interval(s),
                percent(c.failRate()),
                mostMissed(c)));
      }
      doc.chart(Charts.horizontalBars("各中心应答服务规范化平均得分（分）", "平均得分", names, means), "scores");
      doc.caption("图1　各中心应答服务规范化平均得分");
      doc.caption("表1　应答服务规范化得分排名");
      doc.table(List.of("名次", "中心", "评分通数", "平均得分", "95%置信区间", "不合格率", "主要失分项"), rows, 6);
      doc.note(
          "注：得分 = Σ(权重×得分率)/Σ(权重)×100，“不适用”项不计；“一票否决”项不符合或得分低于"
              + Math.round(form.passScore() * 100)
              + "分为不合格；置信区间按t分布并作有限总体校正。评分表："
              + form.name()
              + "（"
              + form.fullVersion()
              + "）。");
      doc.section("接通时间情况");
      List<List<String>> timing = new ArrayList<>();
      List<String> timingNames = new ArrayList<>();
      List<Double> sl15 = new ArrayList<>();
      for (AuditResults.Center c : ranked) {
        timing.add(
            List.of(
                name(c.code),
                count(c.calls.offered),
                percent(Metric.ANSWER_RATE.of(c.calls)),
                ChineseText.metricCell(Metric.ASA_S, Metric.ASA_S.of(c.calls)),
                percent(Metric.SL15.of(c.calls)),
                percent(Metric.SL20.of(c.calls))));
        timingNames.add(name(c.code));
        Double v = Metric.SL15.of(c.calls);
        sl15.add(v == null ? null : v * 100);
      }
      doc.paragraph(
          "接通时间指标按各中心"
              + now.period.chinese()
              + "全部12333来电统计（统计口径"
              + MetricDefinitions.VERSION
              + "）。");
      doc.chart(Charts.horizontalBars("各中心15秒接通率（%）", "15秒接通率", timingNames, sl15), "sl15");
      doc.caption("图2　各中心15秒接通率");
      doc.caption("表2　接通时间情况");
      doc.table(List.of("中心", "人工呼入", "接通率", "平均应答时长(秒)", "15秒接通率", "20秒接通率"), timing);
      doc.section("存在的问题");
      List<String> below = new ArrayList<>();
      for (AuditResults.Center c : ranked) {
        if (c.stats().mean() < form.passScore()) {
          below.add(name(c.code) + "（" + points(c.stats().mean()) + "分）");
        }
      }
      doc.paragraph(
          below.isEmpty()
              ? "各中心应答服务规范化平均得分均达到" + Math.round(form.passScore() * 100) + "分。"
              : "以下中心应答服务规范化平均得分低于"
                  + Math.round(form.passScore() * 100)
                  + "分，请限期整改："
                  + String.join("、", below)
                  + "。");
      doc.paragraph("全部抽检通话中失分较多的评分项：" + overallMisses(now) + "。");
      List<String> few = new ArrayList<>();
      long none = 0;
      for (AuditResults.Center c : now.centers.values()) {
        if (c.population == 0) {
          none++;
        } else if (c.population < AuditDraw.FEW_CALLS) {
          few.add(name(c.code) + "（可抽检" + c.population + "通）");
        }
      }
      if (!few.isEmpty()) {
        doc.paragraph("以下中心可抽检通话过少，结果仅供参考：" + String.join("、", few) + "。");
      }
      if (none > 0) {
        doc.paragraph("另有" + none + "个中心本期无可抽检通话（无有录音的接通来电），未纳入抽检，名单见附表“样本不足中心”。");
      }
      doc.section("与上期比较");
      List<List<String>> compare = new ArrayList<>();
      for (AuditResults.Center c : ranked) {
        AuditResults.Center prev = before.centers.get(c.code);
        ScoreStats ps = prev == null ? null : prev.stats();
        compare.add(
            List.of(
                name(c.code),
                points(c.stats().mean()),
                ps == null ? ChineseText.NONE : points(ps.mean()),
                percent(Metric.ANSWER_RATE.of(c.calls)),
                prev == null ? ChineseText.NONE : percent(Metric.ANSWER_RATE.of(prev.calls)),
                ChineseText.pointChange(
                    Metric.SL15.of(c.calls), prev == null ? null : Metric.SL15.of(prev.calls))));
      }
      doc.caption("表3　与" + now.period.previous().chinese() + "比较");
      doc.table(List.of("中心", "本期得分", "上期得分", "本期接通率", "上期接通率", "15秒接通率变化"), compare);
      if (before.centers.values().stream().noneMatch(c -> c.scored > 0)) {
        doc.note("注：" + now.period.previous().chinese() + "无评分数据，“上期得分”记为“—”。");
      }
      doc.right(issuer(scope));
      doc.right(ChineseText.date(generatedAt.toLocalDate()));
      doc.write(out);
    }
  }

  private String issuer(AuditScope scope) {
    return scope.national() ? "人力资源和社会保障部" : scope.region().name() + "人力资源和社会保障厅";
  }

  private String overallMisses(AuditResults r) {
    Map<String, int[]> total = new java.util.TreeMap<>();
    for (AuditResults.Center c : r.centers.values()) {
      c.itemMisses.forEach(
          (id, m) -> {
            int[] t = total.computeIfAbsent(id, k -> new int[2]);
            t[0] += m[0];
            t[1] += m[1];
          });
    }
    List<String> parts = new ArrayList<>();
    total.entrySet().stream()
        .filter(e -> e.getValue()[0] > 0)
        .sorted(Comparator.comparingDouble(e -> -(double) e.getValue()[0] / e.getValue()[1]))
        .limit(3)
        .forEach(
            e ->
                parts.add(
                    form.itemsById().get(e.getKey()).text()
                        + "（失分率"
                        + percent((double) e.getValue()[0] / e.getValue()[1])
                        + "）"));
    return parts.isEmpty() ? "无" : String.join("、", parts);
  }

  private void annex(
      AuditResults now, AuditResults before, List<AuditResults.Center> ranked, OutputStream out)
      throws IOException {
    try (ExcelWorkbook book = new ExcelWorkbook()) {
      ExcelSheet s = book.sheet("规范化得分");
      s.header(
          List.of(
              "名次", "中心代码", "中心", "可抽检通话", "样本量", "评分通数", "平均得分", "置信下限", "置信上限", "不合格通数", "不合格率"));
      int rank = 0;
      for (AuditResults.Center c : ranked) {
        ScoreStats st = c.stats();
        ExcelSheet.RowWriter w =
            s.row()
                .count(++rank)
                .text(c.code)
                .text(name(c.code))
                .count(c.population)
                .count(c.sampled)
                .count(c.scored)
                .number(st.mean() * 100, Style.SECONDS)
                .number(Double.isNaN(st.low()) ? null : st.low() * 100, Style.SECONDS)
                .number(Double.isNaN(st.high()) ? null : st.high() * 100, Style.SECONDS)
                .count(c.failed);
        int r = w.rowNumber();
        w.formula("IF(F" + r + "=0,\"\",J" + r + "/F" + r + ")", Style.PERCENT);
      }
      s.finish();
      ExcelSheet t = book.sheet("接通时间");
      t.header(
          List.of(
              "中心代码",
              "中心",
              "人工呼入",
              "人工接通",
              "短时放弃",
              "15秒内接通",
              "20秒内接通",
              "接通等待合计(秒)",
              "接通率",
              "平均应答时长(秒)",
              "15秒接通率",
              "20秒接通率"));
      for (AuditResults.Center c : ranked) {
        ExcelSheet.RowWriter w =
            t.row()
                .text(c.code)
                .text(name(c.code))
                .count(c.calls.offered)
                .count(c.calls.answered)
                .count(c.calls.shortAbandoned)
                .count(c.calls.answeredWithin15s)
                .count(c.calls.answeredWithin20s)
                .number(c.calls.answeredWaitMs / 1000.0, Style.DECIMAL);
        int r = w.rowNumber();
        w.formula("IF(C" + r + "=0,\"\",D" + r + "/C" + r + ")", Style.PERCENT)
            .formula("IF(D" + r + "=0,\"\",H" + r + "/D" + r + ")", Style.SECONDS)
            .formula(
                "IF((C" + r + "-E" + r + ")=0,\"\",F" + r + "/(C" + r + "-E" + r + "))",
                Style.PERCENT)
            .formula(
                "IF((C" + r + "-E" + r + ")=0,\"\",G" + r + "/(C" + r + "-E" + r + "))",
                Style.PERCENT);
      }
      t.finish();
      ExcelSheet items = book.sheet("评分项失分");
      items.header(List.of("中心代码", "中心", "评分项", "评分通数(不含不适用)", "失分通数", "失分率"));
      for (AuditResults.Center c : ranked) {
        for (ScoringForm.Item item : form.items()) {
          int[] m = c.itemMisses.getOrDefault(item.id(), new int[2]);
          ExcelSheet.RowWriter w =
              items.row().text(c.code).text(name(c.code)).text(item.text()).count(m[1]).count(m[0]);
          int r = w.rowNumber();
          w.formula("IF(D" + r + "=0,\"\",E" + r + "/D" + r + ")", Style.PERCENT);
        }
      }
      items.finish();
      ExcelSheet cmp = book.sheet("与上期比较");
      cmp.header(List.of("中心代码", "中心", "本期得分", "上期得分", "本期接通率", "上期接通率"));
      for (AuditResults.Center c : ranked) {
        AuditResults.Center prev = before.centers.get(c.code);
        ScoreStats ps = prev == null ? null : prev.stats();
        cmp.row()
            .text(c.code)
            .text(name(c.code))
            .number(c.stats().mean() * 100, Style.SECONDS)
            .number(ps == null ? null : ps.mean() * 100, Style.SECONDS)
            .ratio(Metric.ANSWER_RATE.of(c.calls))
            .ratio(prev == null ? null : Metric.ANSWER_RATE.of(prev.calls));
      }
      cmp.finish();
      ExcelSheet short_ = book.sheet("样本不足中心");
      short_.header(List.of("中心代码", "中心", "可抽检通话", "说明"));
      for (AuditResults.Center c : now.centers.values()) {
        if (c.population < AuditDraw.FEW_CALLS) {
          short_
              .row()
              .text(c.code)
              .text(name(c.code))
              .count(c.population)
              .text(c.population == 0 ? "无可抽检通话，未抽样" : "通话过少，全部抽取，结果仅供参考");
        }
      }
      short_.finish();
      ExcelSheet about = book.sheet("说明");
      about.header(List.of("项目", "内容"));
      about.row().text("期间").text(now.period.toString());
      about.row().text("评分表").text(form.fullVersion());
      about.row().text("统计口径版本").text(MetricDefinitions.VERSION);
      about.row().text("抽样次数").text(Integer.toString(now.draws));
      about.row().text("生成时间").text(generatedAt.toString());
      about.finish();
      book.write(out);
    }
  }
}
