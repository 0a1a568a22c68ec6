package io.hotline.reports.audit;

import io.hotline.reports.document.ExcelSheet;
import io.hotline.reports.document.ExcelWorkbook;
import io.hotline.reports.document.ExcelWorkbook.Style;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The scoring workbook of a draw: an instructions sheet, one row per sampled call with drop-down
 * scoring columns (one per form item), the form itself, the centres' sample sizes, and a hidden
 * sheet naming the draw so an import can tell which draw a workbook belongs to. The caller's number
 * is never in it.
 */
public final class AuditWorkbook {
  static final String INSTRUCTIONS = "说明";
  static final String CALLS = "抽检通话";
  static final String FORM = "评分标准";
  static final String CENTERS = "各中心样本";
  static final String IDENTITY = "_draw";

  /** The columns before the form's items. */
  static final List<String> CALL_COLUMNS =
      List.of("序号", "通话编号", "中心代码", "中心", "坐席工号", "通话时间", "等待(秒)", "通话(秒)", "话题", "录音编号", "录音位置");

  static final String AUDITOR = "审核人";
  static final String REMARK = "备注";

  private AuditWorkbook() {}

  public static void write(AuditDraw.Result draw, OutputStream out) throws IOException {
    ScoringForm form = draw.request().form();
    Regions regions = Regions.standard();
    Topics topics = Topics.standard();
    try (ExcelWorkbook book = new ExcelWorkbook()) {
      instructions(book.sheet(INSTRUCTIONS), draw);
      ExcelSheet calls = book.sheet(CALLS);
      List<String> header = new ArrayList<>(CALL_COLUMNS);
      form.items().forEach(i -> header.add(i.text()));
      header.add(AUDITOR);
      header.add(REMARK);
      calls.header(header);
      int firstDataRow = calls.nextRowIndex();
      int n = 0;
      for (AuditDraw.SampledCall c : draw.calls()) {
        ExcelSheet.RowWriter w =
            calls
                .row()
                .count(++n)
                .text(c.callId())
                .text(c.center())
                .text(regions.find(c.center()).map(r -> r.name()).orElse(c.center()))
                .text(c.agentId())
                .text(c.time())
                .number(c.waitSeconds(), Style.SECONDS)
                .number(c.talkSeconds(), Style.SECONDS)
                .text(topicName(topics, c.topic()))
                .text(c.recordingId())
                .text(c.uri());
        for (int i = 0; i < form.items().size() + 2; i++) {
          w.text("");
        }
      }
      int lastDataRow = calls.nextRowIndex() - 1;
      for (int i = 0; i < form.items().size(); i++) {
        ScoringForm.Item item = form.items().get(i);
        calls.dropDown(
            CALL_COLUMNS.size() + i,
            firstDataRow,
            lastDataRow,
            form.allowedCodes(item),
            "请从下拉列表选择：" + String.join("、", form.allowedCodes(item)));
      }
      calls.finish();
      formSheet(book.sheet(FORM), form);
      centers(book.sheet(CENTERS), draw, regions);
      ExcelSheet id = book.hiddenSheet(IDENTITY);
      id.row().text("draw_id").text(draw.drawId());
      id.row().text("period").text(draw.request().period().toString());
      id.row().text("form").text(form.fullVersion());
      book.write(out);
    }
  }

  private static String topicName(Topics topics, String code) {
    if (code == null || code.isEmpty()) {
      return "";
    }
    return code + " " + topics.find(code).map(t -> t.name()).orElse("");
  }

  private static void instructions(ExcelSheet s, AuditDraw.Result draw) {
    AuditDraw.Request r = draw.request();
    s.title(r.period().chinese() + "12333电话咨询服务质量抽检评分表");
    s.header(List.of("项目", "内容"));
    s.width(0, 18).width(1, 100);
    pair(s, "抽样编号", draw.drawId());
    pair(
        s, "抽检期间", r.period().chinese() + "（" + r.period().first() + "至" + r.period().last() + "）");
    pair(s, "抽检范围", r.scope().region().name() + "（" + r.scope().code() + "）");
    pair(s, "抽样方法", "各中心按“月份×时段”分层、按层规模比例分配样本，层内按随机种子排序抽取；同一种子和数据可重现。");
    pair(s, "样本量", r.sizing().describe());
    pair(s, "随机种子", Long.toString(r.seed()));
    pair(s, "入样条件", "12333人工接通、有录音、通话不少于" + r.minTalkSeconds() + "秒");
    pair(s, "评分表", r.form().name() + "（" + r.form().fullVersion() + "）");
    pair(
        s,
        "如何评分",
        "在“"
            + CALLS
            + "”表每一行、每个评分项下从下拉列表选择："
            + String.join("、", answerCodes(r.form()))
            + "。“不适用”仅限评分标准中允许的项目；每一行的所有评分项都须填写，未开始评分的行可整行留空。");
    pair(
        s,
        "得分计算",
        "得分 = Σ(权重 × 得分率) / Σ(权重)，“不适用”的项目不计入分子和分母；“一票否决”项目为“不符合”时，该通话判为不合格；得分低于"
            + Math.round(r.form().passScore() * 100)
            + "分亦为不合格。");
    pair(
        s,
        "导入",
        "评分完成后运行：hotline audit import 本文件.xlsx；有任何错误时不导入任何数据，并逐项列出错误位置。修改后重新导入，将替换此前的评分并保留历史。");
    pair(s, "隐私", "本表不含来电号码；录音位置仅供授权人员调听。");
  }

  private static List<String> answerCodes(ScoringForm form) {
    return form.answers().stream().map(ScoringForm.Answer::code).toList();
  }

  private static void pair(ExcelSheet s, String k, String v) {
    s.row().text(k).text(v);
  }

  private static void formSheet(ExcelSheet s, ScoringForm form) {
    s.header(List.of("项目编号", "环节", "评分项", "权重", "可选“不适用”", "一票否决"));
    for (ScoringForm.Item i : form.items()) {
      s.row()
          .text(i.id())
          .text(i.section())
          .text(i.text())
          .number(i.weight(), Style.SECONDS)
          .text(i.naAllowed() ? "是" : "否")
          .text(i.autoFail() ? "是" : "否");
    }
    s.finish();
  }

  private static void centers(ExcelSheet s, AuditDraw.Result draw, Regions regions) {
    s.header(List.of("中心代码", "中心", "可抽检通话", "样本量", "已抽取", "说明"));
    for (AuditDraw.CenterDraw c : draw.centers()) {
      s.row()
          .text(c.center())
          .text(regions.find(c.center()).map(r -> r.name()).orElse(c.center()))
          .count(c.population())
          .count(c.target())
          .count(c.drawn())
          .text(c.flag());
    }
    s.finish();
  }
}
