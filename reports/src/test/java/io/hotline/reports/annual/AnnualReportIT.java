package io.hotline.reports.annual;

import static io.hotline.reports.ReportFiles.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotline.jobs.clickhouse.CallRows;
import io.hotline.jobs.testing.HotlineData;
import io.hotline.reports.ReportError;
import io.hotline.reports.ReportFiles;
import io.hotline.reports.document.ChineseText;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.DailyRollup;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallCountsSql;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annual report against a real ClickHouse: calls from November 2024 to February 2025 in two
 * Jiangsu cities and Beijing, one Jiangsu city silent for a day. Every number read back from the
 * .xlsx and .docx must equal the shared definitions over {@code calls FINAL} and over the same
 * events counted in memory.
 */
@ExtendWith(ClickHouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnualReportIT {
  private static final String JIANGSU = "320000";
  private static final LocalDateTime GENERATED = LocalDateTime.of(2026, 3, 2, 10, 0);

  private ClickHouseHttp clickHouse;
  private HotlineData events;
  private AnnualReports reports;
  @TempDir Path out;

  @BeforeAll
  void load(ClickHouseConfig config) throws Exception {
    clickHouse = new ClickHouseHttp(config);
    events =
        new HotlineData(7)
            .days(
                LocalDate.of(2024, 11, 1),
                LocalDate.of(2025, 2, 28),
                List.of("320100", "320500", "110100"),
                12,
                Set.of("320500@2025-02-10"));
    events.writeTo(clickHouse);
    reports = new AnnualReports(clickHouse, Regions.standard(), GENERATED);
  }

  private CallCounts inMemory(Predicate<Cdr> which) {
    CallCounts c = new CallCounts();
    events.calls.stream().filter(which).forEach(c::add);
    return c;
  }

  private static Predicate<Cdr> of(String province, int year, String line) {
    return c ->
        c.province().equals(province)
            && ChinaTime.day(CallMeasures.countedAt(c)).getYear() == year
            && c.line().number().equals(line);
  }

  private static Predicate<Cdr> inMonth(int year, int month) {
    return c ->
        YearMonth.from(ChinaTime.day(CallMeasures.countedAt(c))).equals(YearMonth.of(year, month));
  }

  private CallCounts fromClickHouse(String where) throws Exception {
    return CallCountsSql.read(
        clickHouse
            .query("SELECT " + CallCountsSql.fromCalls() + " FROM calls FINAL WHERE " + where)
            .get(0));
  }

  /** The component cells and the evaluated ratio formulas of a row, from column {@code first}. */
  private static void assertCallColumns(Row row, int first, CallCounts expected) {
    double[] components = {
      expected.totalInbound,
      expected.ivrOnly,
      expected.offered,
      expected.answered,
      expected.abandoned,
      expected.shortAbandoned,
      expected.answeredWithin15s,
      expected.answeredWithin20s,
      expected.answeredWaitMs / 1000.0,
      expected.abandonedWaitMs / 1000.0,
      expected.talkMs / 1000.0,
      expected.sat1,
      expected.sat2,
      expected.sat3
    };
    for (int i = 0; i < components.length; i++) {
      assertThat((Double) value(row.getCell(first + i)))
          .as("component %d of row %d", i, row.getRowNum())
          .isCloseTo(components[i], within(1e-9));
    }
    int col = first + components.length;
    for (CallColumns.Ratio ratio : CallColumns.RATIOS) {
      Double metric = ratio.metric().of(expected);
      Object cell = value(row.getCell(col++));
      if (metric == null) {
        assertThat(cell).as(ratio.header()).isNull();
      } else {
        assertThat((Double) cell).as(ratio.header()).isCloseTo(metric, within(1e-12));
      }
    }
  }

  @Test
  void provinceAnnexEqualsTheDefinitionsOverCallsAndTheEventsThemselves() throws Exception {
    AnnualReports.Written w =
        reports.write(ReportScope.province(JIANGSU, Regions.standard()), 2025, out);
    assertThat(w.report().getFileName().toString()).isEqualTo("2025-320000-年度号码使用情况报告.docx");
    assertThat(w.annex().getFileName().toString()).isEqualTo("2025-320000-年度号码使用情况.xlsx");
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Sheet summary = book.getSheet(AnnualWorkbook.SUMMARY);
      for (String line : List.of("12333", "12370")) {
        CallCounts sql =
            fromClickHouse("province = '320000' AND toYear(day) = 2025 AND line = '" + line + "'");
        CallCounts memory = inMemory(of(JIANGSU, 2025, line));
        assertThat(sql).isEqualTo(memory);
        assertCallColumns(ReportFiles.row(summary, line).orElseThrow(), 1, memory);
      }
      CallCounts both = inMemory(of(JIANGSU, 2025, "12333").or(of(JIANGSU, 2025, "12370")));
      assertCallColumns(ReportFiles.row(summary, "合计").orElseThrow(), 1, both);

      Sheet monthly = book.getSheet(AnnualWorkbook.MONTHLY);
      for (int m = 1; m <= 2; m++) {
        assertCallColumns(
            ReportFiles.row(monthly, "12333", m + "月").orElseThrow(),
            2,
            inMemory(of(JIANGSU, 2025, "12333").and(inMonth(2025, m))));
      }
      assertThat(ReportFiles.row(monthly, "12333", "3月")).as("no rows outside the data").isEmpty();

      Sheet cities = book.getSheet("分城市");
      for (String city : List.of("320100", "320500")) {
        Row row = ReportFiles.row(cities, "12333", city).orElseThrow();
        assertThat(value(row.getCell(2))).isEqualTo(city.equals("320100") ? "南京市" : "苏州市");
        assertThat(value(row.getCell(3))).isEqualTo("2024-11-01");
        assertCallColumns(
            row, 4, inMemory(of(JIANGSU, 2025, "12333").and(c -> c.center().equals(city))));
      }
    }
  }

  @Test
  void topicsAndPeakDayEqualTheEventsThemselves() throws Exception {
    AnnualReports.Written w =
        reports.write(ReportScope.province(JIANGSU, Regions.standard()), 2025, out);
    Predicate<Cdr> jiangsu2025 = of(JIANGSU, 2025, "12333").or(of(JIANGSU, 2025, "12370"));
    java.util.Map<String, Long> byCategory =
        events.calls.stream()
            .filter(jiangsu2025)
            .filter(c -> c.topic() != null)
            .collect(Collectors.groupingBy(c -> c.topic().substring(0, 2), Collectors.counting()));
    java.util.Map<LocalDate, Long> byDay =
        events.calls.stream()
            .filter(of(JIANGSU, 2025, "12333"))
            .collect(
                Collectors.groupingBy(
                    c -> ChinaTime.day(CallMeasures.countedAt(c)), Collectors.counting()));
    var peak = byDay.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow();
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Sheet categories = book.getSheet(AnnualWorkbook.CATEGORIES);
      assertThat(categories.getLastRowNum()).isEqualTo(byCategory.size());
      byCategory.forEach(
          (code, n) ->
              assertThat(value(ReportFiles.row(categories, code).orElseThrow().getCell(2)))
                  .as("category %s", code)
                  .isEqualTo((double) n));
      Row peakRow =
          ReportFiles.row(book.getSheet(AnnualWorkbook.PEAKS), "12333", "高峰日").orElseThrow();
      assertThat(value(peakRow.getCell(4))).isEqualTo((double) peak.getValue());
    }
  }

  @Test
  void recordingCoverageCountsOnlyCallsWhoseRecordingArrived() throws Exception {
    AnnualReports.Written w =
        reports.write(ReportScope.province(JIANGSU, Regions.standard()), 2025, out);
    Set<String> recorded =
        events.recordings.stream().map(Recording::callId).collect(Collectors.toSet());
    List<Cdr> answered =
        events.calls.stream()
            .filter(of(JIANGSU, 2025, "12333"))
            .filter(c -> c.answeredAt() != null)
            .toList();
    long matched = answered.stream().filter(c -> recorded.contains(c.callId())).count();
    long named = answered.stream().filter(c -> c.recordingId() != null).count();
    assertThat(matched).isLessThan(named).isPositive();
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Sheet summary = book.getSheet(AnnualWorkbook.SUMMARY);
      Row row = ReportFiles.row(summary, "12333").orElseThrow();
      int col = ReportFiles.column(summary, 0, "有录音的接通");
      assertThat((Double) value(row.getCell(col))).isEqualTo((double) matched);
      assertThat((Double) value(row.getCell(col + 1)))
          .isCloseTo((double) matched / answered.size(), within(1e-12));
    }
  }

  @Test
  void smsTotalsEqualTheMessagesSent() throws Exception {
    AnnualReports.Written w =
        reports.write(ReportScope.province(JIANGSU, Regions.standard()), 2025, out);
    var sms =
        events.sms.stream()
            .filter(s -> s.province().equals(JIANGSU) && s.line().number().equals("12333"))
            .filter(s -> ChinaTime.day(s.sentAt()).getYear() == 2025)
            .toList();
    long mo = sms.stream().filter(s -> s.direction().code().equals("mo")).count();
    long delivered =
        sms.stream()
            .filter(s -> s.direction().code().equals("mt") && s.status().code().equals("delivered"))
            .count();
    long failed =
        sms.stream()
            .filter(s -> s.direction().code().equals("mt") && s.status().code().equals("failed"))
            .count();
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Row total = ReportFiles.row(book.getSheet(AnnualWorkbook.SMS), "12333", "全年").orElseThrow();
      assertThat((Double) value(total.getCell(2))).isEqualTo((double) mo);
      assertThat((Double) value(total.getCell(6))).isEqualTo((double) delivered);
      assertThat((Double) value(total.getCell(9)))
          .isCloseTo((double) delivered / (delivered + failed), within(1e-12));
    }
  }

  @Test
  void documentSaysWhatItCoversAndPrintsTheSameFigures() throws Exception {
    AnnualReports.Written w =
        reports.write(ReportScope.province(JIANGSU, Regions.standard()), 2025, out);
    try (XWPFDocument doc = ReportFiles.document(w.report())) {
      List<String> paragraphs = ReportFiles.paragraphs(doc);
      assertThat(paragraphs.get(0)).isEqualTo("江苏省2025年度12333、12370号码使用情况报告");
      assertThat(paragraphs.get(1)).contains("部分年度").contains("2025年1月1日至2025年2月28日");
      assertThat(paragraphs.get(2)).contains("江苏省人力资源和社会保障厅").contains("2026年3月2日");
      assertThat(paragraphs).anyMatch(p -> p.startsWith("一、基本情况"));
      assertThat(paragraphs)
          .anyMatch(p -> p.contains("苏州市") && p.contains("有数据天数") || p.contains("部分月份存在无话单的日期"));

      CallCounts c = inMemory(of(JIANGSU, 2025, "12333"));
      List<List<String>> quality = ReportFiles.cells(ReportFiles.tableAfter(doc, "全年服务质量"));
      assertThat(quality.get(0).get(1)).isEqualTo("接通率");
      List<String> row = quality.get(1);
      assertThat(row.get(0)).isEqualTo("12333");
      for (int i = 0; i < AnnualDocument.QUALITY.size(); i++) {
        Metric m = AnnualDocument.QUALITY.get(i);
        assertThat(row.get(i + 1)).as(m.column()).isEqualTo(ChineseText.metricCell(m, m.of(c)));
      }
      List<List<String>> volume = ReportFiles.cells(ReportFiles.tableAfter(doc, "全年话务量（次）"));
      assertThat(volume.get(1)).startsWith("12333", ChineseText.count(c.totalInbound));
      assertThat(doc.getAllPictures()).hasSizeGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void annexSaysHowTheNumbersWereMadeAndWhatIsMissing() throws Exception {
    AnnualReports.Written w =
        reports.write(ReportScope.province(JIANGSU, Regions.standard()), 2025, out);
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Sheet about = book.getSheet(AnnualWorkbook.PROVENANCE);
      assertThat(value(ReportFiles.row(about, "统计口径版本").orElseThrow().getCell(1)))
          .isEqualTo("metrics-v1");
      assertThat((String) value(ReportFiles.row(about, "数据截止时间").orElseThrow().getCell(1)))
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*");
      assertThat((String) value(ReportFiles.row(about, "查询参数").orElseThrow().getCell(1)))
          .contains("province=320000");
      assertThat(ReportFiles.row(about, "读取行数：calls_daily by line, unit, month")).isPresent();
      assertThat(about.getPaneInformation().isFreezePane()).isTrue();

      Sheet gaps = book.getSheet(AnnualWorkbook.COMPLETENESS);
      Row gap = ReportFiles.row(gaps, "月内缺数据", "320500").orElseThrow();
      assertThat(value(gap.getCell(3))).isEqualTo("2025-02");
      assertThat(value(gap.getCell(4))).isEqualTo(27.0);
      assertThat(value(gap.getCell(5))).isEqualTo(28.0);
      // Jiangsu has 13 cities; the 11 without calls are named, not printed as zeros.
      assertThat(ReportFiles.row(gaps, "全年无数据", "320200")).isPresent();

      // 2024 has November and December, 2025 January and February: no month to compare, and
      // the annex says so instead of comparing two months with two others.
      Sheet yoy = book.getSheet(AnnualWorkbook.YEAR_ON_YEAR);
      assertThat(ReportFiles.row(yoy, "12333", "—", "上年同期无数据")).isPresent();
      assertThat(ReportFiles.row(yoy, "12333", "呼入总量")).isEmpty();
    }
  }

  @Test
  void nationalReportRanksProvincesAndNamesThoseWithoutData() throws Exception {
    AnnualReports.Written w = reports.write(ReportScope.nation(Regions.standard()), 2025, out);
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Sheet provinces = book.getSheet("分省份");
      for (String province : List.of("320000", "110000")) {
        assertCallColumns(
            ReportFiles.row(provinces, "12333", province).orElseThrow(),
            4,
            inMemory(of(province, 2025, "12333")));
      }
      Sheet ranking = book.getSheet(AnnualWorkbook.RANKING);
      assertThat(value(ranking.getRow(1).getCell(1))).isEqualTo(1.0);
      Sheet gaps = book.getSheet(AnnualWorkbook.COMPLETENESS);
      assertThat(ReportFiles.row(gaps, "全年无数据", "330000")).isPresent();
      assertThat(ReportFiles.row(gaps, "全年无数据", "320000")).isEmpty();
    }
  }

  @Test
  void rollupRereadsOnlyChangedMonthsAndCountsDuplicatesOnce() throws Exception {
    DailyRollup rollup = new DailyRollup(clickHouse);
    LocalDate from = LocalDate.of(2024, 11, 1);
    LocalDate to = LocalDate.of(2025, 2, 28);
    rollup.refresh(from, to);
    assertThat(rollup.refresh(from, to).monthsRebuilt()).isEmpty();

    Cdr existing =
        events.calls.stream()
            .filter(of(JIANGSU, 2025, "12333").and(inMonth(2025, 1)))
            .findFirst()
            .orElseThrow();
    Cdr late =
        new Cdr(
            "late-1",
            existing.line(),
            existing.center(),
            "h",
            existing.arrivedAt(),
            existing.queuedAt(),
            existing.answeredAt(),
            existing.endedAt(),
            existing.endReason(),
            "q",
            existing.agentId(),
            existing.topic(),
            existing.satisfaction(),
            null);
    HotlineData.insert(clickHouse, new CallRows("test", false), List.of(existing));
    HotlineData.insert(clickHouse, new CallRows("test", true), List.of(late));
    assertThat(rollup.refresh(from, to).monthsRebuilt()).containsExactly(YearMonth.of(2025, 1));

    CallCounts expected = inMemory(of(JIANGSU, 2025, "12333").and(inMonth(2025, 1))).add(late);
    CallCounts daily =
        CallCountsSql.read(
            clickHouse
                .query(
                    "SELECT "
                        + CallCountsSql.fromComponents()
                        + " FROM calls_daily FINAL WHERE province = '320000' AND line = '12333'"
                        + " AND toYYYYMM(day) = 202501")
                .get(0));
    assertThat(daily).isEqualTo(expected);
    events.calls.add(late); // later tests in this class see the same data as ClickHouse
  }

  @Test
  void badRequestsGetOneClearSentence() throws Exception {
    Regions regions = Regions.standard();
    assertThatThrownBy(() -> ReportScope.province("999999", regions))
        .isInstanceOf(ReportError.class)
        .hasMessageContaining("unknown province code '999999'");
    assertThatThrownBy(() -> ReportScope.province("320100", regions))
        .hasMessageContaining("南京市")
        .hasMessageContaining("320000");
    assertThatThrownBy(() -> reports.write(ReportScope.province("330000", regions), 2025, out))
        .isInstanceOf(ReportError.class)
        .hasMessageContaining("no 12333 or 12370 calls for 浙江省 (330000) in 2025");
    assertThatThrownBy(() -> reports.write(ReportScope.nation(regions), 2023, out))
        .hasMessageContaining("in 2023");
    assertThatThrownBy(() -> reports.write(ReportScope.nation(regions), 1999, out))
        .hasMessageContaining("--year must be a year from 2000");
    Path file = Files.writeString(out.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> reports.write(ReportScope.nation(regions), 2025, file.resolve("sub")))
        .isInstanceOf(ReportError.class)
        .hasMessageContaining("cannot create the output directory");
  }
}
