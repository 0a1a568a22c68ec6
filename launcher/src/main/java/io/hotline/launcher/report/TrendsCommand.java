package io.hotline.launcher.report;

import io.hotline.launcher.UserError;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.reference.Region;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.reference.Topics;
import io.hotline.schemas.trends.TopicTrend;
import io.hotline.schemas.trends.TopicTrends;
import io.hotline.schemas.trends.TrendPeriod;
import io.hotline.schemas.trends.TrendReport;
import io.hotline.schemas.trends.TrendSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline trends}: the top and rising topics of a line, region and period — the same
 * function ({@link TopicTrends}) the dashboard's topic panel and the annual report use.
 */
@Command(
    name = "trends",
    mixinStandardHelpOptions = true,
    description = {
      "The most frequent and the rising topics (诉求) of a period: both levels of the code table,"
          + " against a seasonal baseline, with a false-discovery-rate test (see the README).",
      "Example: hotline trends --period 2025-03 --region 320000 --line 12333"
    })
public final class TrendsCommand implements Callable<Integer> {
  @Option(
      names = "--period",
      required = true,
      description =
          "2025 (year), 2025-03 (month), 2025-W10 (ISO week), 2025-03-14 (day) or"
              + " 2025-03-01..2025-03-20.")
  String period;

  @Option(
      names = "--region",
      defaultValue = Regions.NATION,
      paramLabel = "CODE",
      description = "Province or city code; default ${DEFAULT-VALUE}, the nation.")
  String region;

  @Option(names = "--line", defaultValue = "12333", description = "Default: ${DEFAULT-VALUE}.")
  String line;

  @Option(names = "--top", defaultValue = "10", description = "Topics listed per level.")
  int top;

  @ArgGroup(exclusive = false)
  ReportCommand.Source source = new ReportCommand.Source();

  @Override
  public Integer call() throws IOException {
    TrendPeriod p = parsePeriod();
    Line l =
        Line.ofNumber(line)
            .orElseThrow(() -> new UserError("--line must be 12333, 12370 or 12385, not " + line));
    Region r =
        Regions.standard()
            .find(region)
            .orElseThrow(() -> new UserError("--region " + region + " is not a known region code"));
    ClickHouseHttp clickHouse = source.clickHouse();
    refreshDailyTables(clickHouse, p);
    TrendReport report = new TopicTrends(clickHouse, TrendSettings.DEFAULT).of(l, r, p);
    print(report, top, System.out);
    return 0;
  }

  private TrendPeriod parsePeriod() {
    try {
      return TrendPeriod.parse(period);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Everything up to the period's end: "new" looks at the whole history before it. */
  private static void refreshDailyTables(ClickHouseHttp clickHouse, TrendPeriod p)
      throws IOException {
    List<List<String>> first = clickHouse.query("SELECT toString(min(day)) FROM calls");
    LocalDate oldest = LocalDate.parse(first.get(0).get(0));
    LocalDate from = oldest.isAfter(LocalDate.of(2000, 1, 1)) ? oldest : p.from();
    if (!from.isAfter(p.to())) {
      new DailyRollup(clickHouse).refresh(from, p.to());
    }
  }

  /** The report as text: heading, top categories and sub-categories, then what rose. */
  static void print(TrendReport report, int top, PrintStream out) {
    out.printf(
        "%s %s %s（%s至%s）%n",
        report.line().number(),
        report.region().name(),
        report.period().label(),
        report.period().from(),
        report.period().to());
    out.printf("基期：%s%n", report.baseline().chinese());
    out.printf("已分类来电 %,d，未分类 %,d（不参与排名）%n", report.classified(), report.unclassified());
    if (report.classified() == 0) {
      out.println("该期间没有已分类的来电。");
      return;
    }
    out.printf("%n主要诉求类别（前%d）%n", top);
    table(report.topCategories(top), out);
    out.printf("%n主要诉求子类（前%d）%n", top);
    table(report.topSubcategories(top), out);
    TrendSettings s = TrendSettings.DEFAULT;
    out.printf(
        "%n显著上升、突增与新出现（错误发现率 %.0f%%；上升至少 %d 通且为预测的 %.1f 倍，突增当日至少 %d 通且为预测的" + " %.1f 倍）%n",
        s.falseDiscoveryRate() * 100, s.minCount(), s.minLift(), s.minDayCount(), s.minDayLift());
    List<TopicTrend> flagged = report.flagged();
    if (flagged.isEmpty()) {
      out.println("  无");
    }
    for (TopicTrend t : flagged) {
      out.println("  " + flaggedLine(t));
    }
  }

  private static void table(List<TopicTrend> topics, PrintStream out) {
    out.println(
        "  "
            + pad("代码", 6)
            + pad("名称", 24)
            + padLeft("来电", 11)
            + padLeft("占比", 8)
            + padLeft("基期预测", 11)
            + padLeft("变化", 9));
    for (TopicTrend t : topics) {
      out.println(
          "  "
              + pad(t.code(), 6)
              + pad(name(t.code()), 24)
              + padLeft(String.format(Locale.ROOT, "%,d", t.calls()), 11)
              + padLeft(String.format(Locale.ROOT, "%.1f%%", t.share() * 100), 8)
              + padLeft(
                  t.expected() > 0 ? String.format(Locale.ROOT, "%,.0f", t.expected()) : "—", 11)
              + padLeft(change(t), 9));
    }
  }

  /** Pads to a width in terminal columns, where a Chinese character takes two. */
  private static String pad(String s, int columns) {
    return s + " ".repeat(Math.max(1, columns - width(s)));
  }

  private static String padLeft(String s, int columns) {
    return " ".repeat(Math.max(1, columns - width(s))) + s;
  }

  private static int width(String s) {
    return s.codePoints()
        .map(c -> c >= 0x1100 && Character.isIdeographic(c) || c >= 0xFF00 ? 2 : 1)
        .sum();
  }

  private static String flaggedLine(TopicTrend t) {
    String head = t.status().chinese() + " " + t.code() + " " + name(t.code()) + "：";
    TopicTrend.Episode e = t.episode();
    return switch (t.status()) {
      case NEW -> head + String.format(Locale.ROOT, "%,d 通，此前该地区从未出现", t.calls());
      case SPIKE ->
          head
              + String.format(
                  Locale.ROOT,
                  "%s 当日 %,d 通，预测 %,.0f 通（%.1f 倍）",
                  e.peakDay(),
                  e.peakCalls(),
                  e.peakExpected(),
                  e.peakCalls() / e.peakExpected());
      default ->
          head
              + String.format(
                  Locale.ROOT,
                  "%s至%s 共 %,d 通，预测 %,.0f 通（%.1f 倍）；全期 %,d 通，预测 %,.0f 通（q = %.2g）",
                  e.from(),
                  e.to(),
                  e.calls(),
                  e.expected(),
                  e.calls() / e.expected(),
                  t.calls(),
                  t.expected(),
                  t.qValue());
    };
  }

  private static String change(TopicTrend t) {
    if (!(t.expected() > 0)) {
      return "—";
    }
    double c = t.calls() / t.expected() - 1;
    return String.format(Locale.ROOT, "%+.1f%%", c * 100);
  }

  private static String name(String code) {
    return Topics.standard().find(code).map(t -> t.name()).orElse(code);
  }
}
