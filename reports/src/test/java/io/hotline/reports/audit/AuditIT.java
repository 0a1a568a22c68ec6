package io.hotline.reports.audit;

import static io.hotline.reports.ReportFiles.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotline.jobs.testing.HotlineData;
import io.hotline.reports.ReportError;
import io.hotline.reports.ReportFiles;
import io.hotline.schemas.ChinaTime;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.Line;
import io.hotline.schemas.events.Recording;
import io.hotline.schemas.metrics.CallCounts;
import io.hotline.schemas.metrics.CallMeasures;
import io.hotline.schemas.metrics.Metric;
import io.hotline.schemas.reference.Regions;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
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
 * The audit from draw to bulletin against a real ClickHouse: a half-year of calls in two Jiangsu
 * cities and Beijing; the workbook is filled in with POI as an auditor would.
 */
@ExtendWith(ClickHouseExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditIT {
  private static final AuditPeriod H1 = AuditPeriod.parse("2025H1");
  private static final String JIANGSU = "320000";

  private ClickHouseHttp clickHouse;
  private HotlineData events;
  private final ScoringForm form = ScoringForm.standard();
  private final Regions regions = Regions.standard();
  @TempDir Path tmp;

  @BeforeAll
  void load(ClickHouseConfig config) throws Exception {
    clickHouse = new ClickHouseHttp(config);
    events =
        new HotlineData(11)
            .days(
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 6, 30),
                List.of("320100", "320500", "110100"),
                6,
                Set.of());
    events.writeTo(clickHouse);
  }

  private AuditDraw.Request request(AuditScope scope, AuditDraw.Sizing sizing, long seed) {
    return new AuditDraw.Request(H1, scope, sizing, seed, 60, form);
  }

  private AuditDraw.Result draw(long seed) throws Exception {
    return new AuditDraw(clickHouse)
        .draw(request(AuditScope.of(JIANGSU, null, regions), AuditDraw.Sizing.fixed(40), seed));
  }

  /** The calls that may be sampled: answered 12333 calls of H1 with a recording and ≥ 60 s talk. */
  private Map<String, Cdr> eligible() {
    Set<String> recorded =
        events.recordings.stream().map(Recording::callId).collect(Collectors.toSet());
    Map<String, Cdr> out = new HashMap<>();
    for (Cdr c : events.calls) {
      CallMeasures m = CallMeasures.of(c);
      if (c.line() == Line.L12333
          && m.answered()
          && m.talkMs() >= 60_000
          && recorded.contains(c.callId())
          && c.province().equals(JIANGSU)) {
        out.put(c.callId(), c);
      }
    }
    return out;
  }

  @Test
  void theSameSeedAndDataGiveTheSameSampleSpreadOverMonthsAndNoCallTwice() throws Exception {
    AuditDraw.Result a = draw(7);
    AuditDraw.Result b = draw(7);
    AuditDraw.Result c = draw(8);
    List<String> ids = a.calls().stream().map(AuditDraw.SampledCall::callId).toList();
    assertThat(b.calls().stream().map(AuditDraw.SampledCall::callId).toList()).isEqualTo(ids);
    assertThat(c.calls().stream().map(AuditDraw.SampledCall::callId).toList()).isNotEqualTo(ids);
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(ids).hasSize(80);

    Map<String, Cdr> eligible = eligible();
    assertThat(eligible.keySet()).containsAll(ids);
    for (String center : List.of("320100", "320500")) {
      Map<YearMonth, Long> population =
          eligible.values().stream()
              .filter(x -> x.center().equals(center))
              .collect(
                  Collectors.groupingBy(
                      x -> YearMonth.from(ChinaTime.day(CallMeasures.countedAt(x))),
                      Collectors.counting()));
      long total = population.values().stream().mapToLong(Long::longValue).sum();
      Map<YearMonth, Long> drawn =
          a.calls().stream()
              .filter(x -> x.center().equals(center))
              .collect(
                  Collectors.groupingBy(
                      x ->
                          YearMonth.from(
                              ChinaTime.day(CallMeasures.countedAt(eligible.get(x.callId())))),
                      Collectors.counting()));
      assertThat(drawn.keySet()).as("every month of %s sampled", center).hasSize(6);
      // Month × hour-band strata: a month's share is its population share within a few calls.
      population.forEach(
          (m, n) ->
              assertThat((double) drawn.getOrDefault(m, 0L))
                  .isCloseTo(40.0 * n / total, within(3.0)));
      AuditDraw.CenterDraw cd =
          a.centers().stream().filter(x -> x.center().equals(center)).findFirst().orElseThrow();
      assertThat(cd.population()).isEqualTo(total);
    }

    List<List<String>> recorded =
        clickHouse.query(
            "SELECT call_id FROM audit_samples WHERE draw_id = '"
                + a.drawId()
                + "' ORDER BY call_id");
    assertThat(recorded.stream().map(r -> r.get(0)).toList())
        .containsExactlyInAnyOrderElementsOf(ids);
    List<String> draw =
        clickHouse
            .query(
                "SELECT period, seed, arraySum(center_population) FROM audit_draws WHERE draw_id = '"
                    + a.drawId()
                    + "'")
            .get(0);
    assertThat(draw).containsExactly("2025H1", "7", Long.toString(eligible.size()));
  }

  @Test
  void theRecordedDrawCanBeReDerivedFromTheCallsTable() throws Exception {
    AuditDraw.Result d = draw(13);
    // Only what audit_draws records: per centre × stratum the sample size; the rule is "smallest
    // sipHash64(seed:call_id) among eligible calls". Re-deriving it must give the stored sample.
    List<String> strata =
        clickHouse
            .query(
                "SELECT s, n FROM audit_draws ARRAY JOIN strata AS s, stratum_sample AS n"
                    + " WHERE draw_id = '"
                    + d.drawId()
                    + "' AND n > 0")
            .stream()
            .map(r -> r.get(0) + "=" + r.get(1))
            .toList();
    Set<String> rederived = new HashSet<>();
    for (String entry : strata) {
      String[] parts = entry.split("[|=]");
      String center = parts[0];
      String month = parts[1];
      String band = parts[2];
      int n = Integer.parseInt(parts[3]);
      clickHouse
          .query(
              "SELECT call_id FROM calls FINAL WHERE center = '"
                  + center
                  + "' AND line = '12333'"
                  + " AND answered = 1 AND talk_ms >= 60000 AND toYYYYMM(counted_at) = "
                  + month
                  + " AND "
                  + AuditDraw.BAND_SQL
                  + " = '"
                  + band
                  + "'"
                  + " AND call_id IN (SELECT call_id FROM recordings)"
                  + " ORDER BY sipHash64(concat('13:', call_id)), call_id LIMIT "
                  + n)
          .forEach(r -> rederived.add(r.get(0)));
    }
    Set<String> stored = new HashSet<>();
    clickHouse
        .query("SELECT call_id FROM audit_samples WHERE draw_id = '" + d.drawId() + "'")
        .forEach(r -> stored.add(r.get(0)));
    assertThat(stored).hasSize(80).isEqualTo(rederived);
  }

  @Test
  void marginSizingFollowsTheFormulaAndCentresWithoutCallsAreFlagged() throws Exception {
    AuditDraw.Result r =
        new AuditDraw(clickHouse)
            .draw(
                request(
                    AuditScope.of(JIANGSU, null, regions),
                    AuditDraw.Sizing.forProportion(0.1, 0.95),
                    3));
    for (AuditDraw.CenterDraw c : r.centers()) {
      assertThat(c.drawn()).isEqualTo(SampleSize.forProportion(c.population(), 0.1, 0.95));
    }
    AuditDraw.CenterDraw wuxi =
        r.centers().stream().filter(c -> c.center().equals("320200")).findFirst().orElseThrow();
    assertThat(wuxi.population()).isZero();
    assertThat(wuxi.flag()).contains("无可抽检通话");
  }

  @Test
  void theWorkbookHasNoCallerAndOffersOnlyAllowedAnswers() throws Exception {
    AuditDraw.Result d = draw(21);
    Path file = write(d);
    try (XSSFWorkbook book = ReportFiles.workbook(file)) {
      Sheet calls = book.getSheet(AuditWorkbook.CALLS);
      assertThat(calls.getLastRowNum()).isEqualTo(d.calls().size());
      assertThat(book.getSheet(AuditWorkbook.INSTRUCTIONS)).isNotNull();
      assertThat(book.isSheetHidden(book.getSheetIndex(AuditWorkbook.IDENTITY))).isTrue();
      assertThat(calls.getDataValidations()).hasSize(form.items().size());
      String callers = events.calls.stream().map(Cdr::caller).collect(Collectors.joining("|"));
      for (Row row : calls) {
        for (var cell : row) {
          Object v = value(cell);
          if (v instanceof String s && s.startsWith("h")) {
            assertThat(callers).doesNotContain("|" + s + "|"); // no caller (pseudonym or raw)
          }
        }
      }
      assertThat(value(calls.getRow(1).getCell(9))).asString().startsWith("rec-");
    }
  }

  private Path write(AuditDraw.Result d) throws Exception {
    Path file = tmp.resolve(d.drawId() + ".xlsx");
    try (OutputStream out = Files.newOutputStream(file)) {
      AuditWorkbook.write(d, out);
    }
    return file;
  }

  /** Fills every row with answers chosen by a seeded random auditor; returns answers per call. */
  private Map<String, Map<String, String>> fill(Path file, long seed, Consumer<Sheet> spoil)
      throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Map<String, String>> answers = new HashMap<>();
    XSSFWorkbook book;
    try (InputStream in = Files.newInputStream(file)) {
      book = new XSSFWorkbook(in);
    }
    Sheet calls = book.getSheet(AuditWorkbook.CALLS);
    int first = AuditWorkbook.CALL_COLUMNS.size();
    for (int i = 1; i <= calls.getLastRowNum(); i++) {
      Row row = calls.getRow(i);
      Map<String, String> a = new HashMap<>();
      for (int k = 0; k < form.items().size(); k++) {
        ScoringForm.Item item = form.items().get(k);
        List<String> allowed = form.allowedCodes(item);
        // Mostly 符合, sometimes worse, so scores and misses vary.
        String v = r.nextInt(4) == 0 ? allowed.get(r.nextInt(allowed.size())) : "符合";
        row.getCell(first + k).setCellValue(v);
        a.put(item.id(), v);
      }
      row.getCell(first + form.items().size()).setCellValue("张审核");
      answers.put(row.getCell(1).getStringCellValue(), a);
    }
    spoil.accept(calls);
    try (OutputStream out = Files.newOutputStream(file)) {
      book.write(out);
    }
    book.close();
    return answers;
  }

  private long scoreRows(String drawId) throws Exception {
    return Long.parseLong(
        clickHouse
            .query("SELECT count() FROM audit_scores WHERE draw_id = '" + drawId + "'")
            .get(0)
            .get(0));
  }

  @Test
  void importStoresTheFormulaScoresAndAReimportReplacesThemKeepingHistory() throws Exception {
    AuditDraw.Result d = draw(31);
    Path file = write(d);
    Map<String, Map<String, String>> answers = fill(file, 1, s -> {});
    AuditImport importer = new AuditImport(clickHouse, form);
    AuditImport.Result first = importer.importWorkbook(file, H1);
    assertThat(first.scored()).isEqualTo(d.calls().size());
    assertThat(first.replaced()).isZero();
    for (List<String> row :
        clickHouse.query(
            "SELECT call_id, score, failed FROM audit_scores WHERE draw_id = '"
                + d.drawId()
                + "'")) {
      ScoringForm.Score s = form.score(answers.get(row.get(0)));
      assertThat(Double.parseDouble(row.get(1))).isCloseTo(s.value(), within(1e-12));
      assertThat(row.get(2)).isEqualTo(s.failed() ? "1" : "0");
    }
    fill(file, 2, s -> {});
    AuditImport.Result second = importer.importWorkbook(file, null);
    assertThat(second.replaced()).isEqualTo(d.calls().size());
    assertThat(scoreRows(d.drawId())).isEqualTo(2L * d.calls().size());
  }

  @Test
  void everyBadCellIsReportedWhereItIsAndNothingIsImported() throws Exception {
    AuditDraw.Result d = draw(41);
    Path file = write(d);
    int first = AuditWorkbook.CALL_COLUMNS.size();
    fill(
        file,
        3,
        s -> {
          s.getRow(2).getCell(1).setCellValue("no-such-call"); // B3
          s.getRow(4)
              .getCell(1)
              .setCellValue(s.getRow(3).getCell(1).getStringCellValue()); // B5 repeats B4
          s.getRow(5).getCell(first).setCellValue("很好"); // L6 not an answer
          s.getRow(6).getCell(first).setCellValue("不适用"); // L7 greeting allows no N/A
          s.getRow(7).getCell(first + 1).setCellValue(""); // M8 missing
        });
    AuditImport importer = new AuditImport(clickHouse, form);
    assertThatThrownBy(() -> importer.importWorkbook(file, H1))
        .isInstanceOf(AuditImport.Rejected.class)
        .satisfies(
            e ->
                assertThat(((AuditImport.Rejected) e).problems())
                    .extracting(Object::toString)
                    .anyMatch(p -> p.startsWith("抽检通话!B3: call 'no-such-call' is not in draw"))
                    .anyMatch(
                        p ->
                            p.startsWith("抽检通话!B5: call '")
                                && p.contains("appears again (first in row 4)"))
                    .anyMatch(p -> p.startsWith("抽检通话!L6: '很好' is not allowed"))
                    .anyMatch(p -> p.startsWith("抽检通话!L7: '不适用' is not allowed"))
                    .anyMatch(p -> p.startsWith("抽检通话!M8: missing the mandatory item")));
    assertThat(scoreRows(d.drawId())).isZero();
    assertThatThrownBy(() -> importer.importWorkbook(file, AuditPeriod.parse("2025H2")))
        .isInstanceOf(AuditImport.Rejected.class)
        .satisfies(
            e ->
                assertThat(((AuditImport.Rejected) e).problems().get(0).toString())
                    .contains("is for 2025H1, not 2025H2"));

    Path foreign = write(d);
    fill(foreign, 4, s -> {});
    try (InputStream in = Files.newInputStream(foreign);
        XSSFWorkbook book = new XSSFWorkbook(in)) {
      book.getSheet(AuditWorkbook.IDENTITY)
          .getRow(0)
          .getCell(1)
          .setCellValue("2025H1-320000-s1-19990101000000");
      try (OutputStream out = Files.newOutputStream(foreign)) {
        book.write(out);
      }
    }
    assertThatThrownBy(() -> importer.importWorkbook(foreign, null))
        .isInstanceOf(ReportError.class)
        .satisfies(
            e ->
                assertThat(((AuditImport.Rejected) e).problems().get(0).toString())
                    .contains("comes from another draw"));
  }

  @Test
  void bulletinTimeToAnswerEqualsTheMetricsOfAllCallsOfThePeriod() throws Exception {
    AuditDraw.Result d = draw(51);
    Path file = write(d);
    Map<String, Map<String, String>> answers = fill(file, 5, s -> {});
    new AuditImport(clickHouse, form).importWorkbook(file, H1);
    AuditBulletin.Written w =
        new AuditBulletin(clickHouse, form, LocalDateTime.of(2025, 7, 10, 9, 0))
            .write(H1, AuditScope.of(JIANGSU, null, regions), tmp.resolve("bulletin"));
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      Sheet timing = book.getSheet("接通时间");
      Sheet scores = book.getSheet("规范化得分");
      for (String center : List.of("320100", "320500")) {
        CallCounts all = new CallCounts();
        events.calls.stream()
            .filter(c -> c.center().equals(center) && c.line() == Line.L12333)
            .filter(c -> !ChinaTime.day(CallMeasures.countedAt(c)).isAfter(H1.last()))
            .forEach(all::add);
        Row row = ReportFiles.row(timing, center).orElseThrow();
        assertThat(value(row.getCell(2))).isEqualTo((double) all.offered);
        assertThat((Double) value(row.getCell(8)))
            .isCloseTo(Metric.ANSWER_RATE.of(all), within(1e-12));
        assertThat((Double) value(row.getCell(9))).isCloseTo(Metric.ASA_S.of(all), within(1e-9));
        assertThat((Double) value(row.getCell(10))).isCloseTo(Metric.SL15.of(all), within(1e-12));
        assertThat((Double) value(row.getCell(11))).isCloseTo(Metric.SL20.of(all), within(1e-12));

        // Scores: latest import per call of the period (this draw and earlier ones of H1).
        Row s = scoreRow(scores, center);
        assertThat((Double) value(s.getCell(6))).isBetween(0.0, 100.0);
        assertThat((Double) value(s.getCell(7))).isLessThanOrEqualTo((Double) value(s.getCell(6)));
      }
    }
    try (XSSFWorkbook book = ReportFiles.workbook(w.annex())) {
      // Jiangsu's 11 cities without calls are named in the annex, not dropped.
      assertThat(ReportFiles.row(book.getSheet("样本不足中心"), "320200", "无锡市")).isPresent();
    }
    try (XWPFDocument doc = ReportFiles.document(w.bulletin())) {
      List<String> p = ReportFiles.paragraphs(doc);
      assertThat(p.get(0)).isEqualTo("江苏省12333电话咨询服务2025年上半年质量监控通报");
      assertThat(p).anyMatch(x -> x.startsWith("二、应答服务规范化情况"));
      assertThat(p).anyMatch(x -> x.contains("11个中心本期无可抽检通话"));
    }
    assertThat(answers).isNotEmpty();
  }

  private static Row scoreRow(Sheet scores, String center) {
    for (Row r : scores) {
      if (center.equals(value(r.getCell(1)))) {
        return r;
      }
    }
    throw new AssertionError("no score row for " + center);
  }
}
