package io.hotline.reports.audit;

import io.hotline.reports.ReportError;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.clickhouse.TsvRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a filled-in scoring workbook and stores its scores, or stores nothing: every cell is
 * checked first (the workbook's draw and period, unknown or repeated call ids, answers outside an
 * item's allowed set, missing items) and each problem is reported with its sheet, row and column. A
 * corrected workbook imported again replaces the earlier scores of its calls; the earlier rows stay
 * in {@code audit_scores} as history.
 */
public final class AuditImport {
  private static final DataFormatter TEXT = new DataFormatter();

  /** A problem at a cell, e.g. {@code 抽检通话!L7: …}. */
  public record Problem(String sheet, int row, int column, String message) {
    @Override
    public String toString() {
      return sheet + "!" + CellReference.convertNumToColString(column) + row + ": " + message;
    }
  }

  /** The workbook has problems; nothing was imported. */
  public static final class Rejected extends ReportError {
    private final List<Problem> problems;

    Rejected(Path file, List<Problem> problems) {
      super(
          file.getFileName()
              + " has "
              + problems.size()
              + " problem(s); nothing was imported. Correct them and import again.");
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  public record Result(
      String drawId, String importId, int scored, int replaced, int notYetScored) {}

  private final ClickHouseHttp clickHouse;
  private final ScoringForm form;

  public AuditImport(ClickHouseHttp clickHouse, ScoringForm form) {
    this.clickHouse = clickHouse;
    this.form = form;
  }

  /**
   * Imports a workbook.
   *
   * @param expectedPeriod the period the user means, or null to take the workbook's
   */
  public Result importWorkbook(Path file, AuditPeriod expectedPeriod) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook book = open(file, in)) {
      List<Problem> problems = new ArrayList<>();
      String drawId = drawOf(book, expectedPeriod, problems);
      if (!problems.isEmpty()) {
        throw new Rejected(file, problems);
      }
      Map<String, String> sample = sample(drawId);
      Map<String, Scored> rows = new LinkedHashMap<>();
      int[] unscored = {0};
      readCalls(book, drawId, sample, rows, unscored, problems);
      if (!problems.isEmpty()) {
        throw new Rejected(file, problems);
      }
      return store(drawId, sample, rows, unscored[0]);
    }
  }

  private static XSSFWorkbook open(Path file, InputStream in) {
    try {
      return new XSSFWorkbook(in);
    } catch (IOException | RuntimeException e) {
      throw new ReportError("cannot read " + file + " as an .xlsx workbook: " + e.getMessage(), e);
    }
  }

  private String drawOf(XSSFWorkbook book, AuditPeriod expected, List<Problem> problems)
      throws IOException {
    Sheet id = book.getSheet(AuditWorkbook.IDENTITY);
    if (id == null) {
      problems.add(
          new Problem(
              AuditWorkbook.IDENTITY, 1, 1, "this workbook was not made by `hotline audit draw`"));
      return null;
    }
    String drawId = text(id.getRow(0), 1);
    String period = text(id.getRow(1), 1);
    String formVersion = text(id.getRow(2), 1);
    List<List<String>> draws =
        clickHouse.query(
            "SELECT period, form_version FROM audit_draws WHERE draw_id = "
                + AuditDraw.quote(drawId));
    if (draws.isEmpty()) {
      problems.add(
          new Problem(
              AuditWorkbook.IDENTITY,
              1,
              1,
              "draw '"
                  + drawId
                  + "' is not recorded here: the workbook comes from another draw or installation"));
      return drawId;
    }
    String recordedPeriod = draws.get(0).get(0);
    if (!recordedPeriod.equals(period)) {
      problems.add(
          new Problem(
              AuditWorkbook.IDENTITY,
              2,
              1,
              "the workbook says period "
                  + period
                  + " but draw "
                  + drawId
                  + " is for "
                  + recordedPeriod));
    }
    if (expected != null && !expected.toString().equals(recordedPeriod)) {
      problems.add(
          new Problem(
              AuditWorkbook.IDENTITY,
              2,
              1,
              "this workbook is for " + recordedPeriod + ", not " + expected));
    }
    if (!draws.get(0).get(1).equals(form.fullVersion())
        || !formVersion.equals(form.fullVersion())) {
      problems.add(
          new Problem(
              AuditWorkbook.IDENTITY,
              3,
              1,
              "the draw used scoring form "
                  + draws.get(0).get(1)
                  + ", this import uses "
                  + form.fullVersion()));
    }
    return drawId;
  }

  /** The draw's sampled calls: call id → centre. */
  private Map<String, String> sample(String drawId) throws IOException {
    Map<String, String> sample = new HashMap<>();
    for (List<String> r :
        clickHouse.query(
            "SELECT call_id, any(center) FROM audit_samples WHERE draw_id = "
                + AuditDraw.quote(drawId)
                + " GROUP BY call_id")) {
      sample.put(r.get(0), r.get(1));
    }
    return sample;
  }

  private record Scored(
      String callId, Map<String, String> answers, String auditor, String remark) {}

  private void readCalls(
      XSSFWorkbook book,
      String drawId,
      Map<String, String> sample,
      Map<String, Scored> rows,
      int[] unscored,
      List<Problem> problems) {
    Sheet sheet = book.getSheet(AuditWorkbook.CALLS);
    String name = AuditWorkbook.CALLS;
    if (sheet == null) {
      problems.add(new Problem(name, 1, 0, "the sheet " + name + " is missing"));
      return;
    }
    int first = AuditWorkbook.CALL_COLUMNS.size();
    List<ScoringForm.Item> items = form.items();
    Row header = sheet.getRow(0);
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).text().equals(text(header, first + i))) {
        problems.add(
            new Problem(
                name,
                1,
                first + i,
                "expected the column '"
                    + items.get(i).text()
                    + "' here; do not move or rename columns"));
      }
    }
    int auditorCol = first + items.size();
    Map<String, Integer> seenAt = new HashMap<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      String callId = text(row, 1);
      List<String> values = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        values.add(text(row, first + i));
      }
      boolean anyScore = values.stream().anyMatch(v -> !v.isEmpty());
      if (callId.isEmpty()) {
        if (anyScore) {
          problems.add(new Problem(name, r + 1, 1, "scores without a call id"));
        }
        continue;
      }
      if (!sample.containsKey(callId)) {
        problems.add(new Problem(name, r + 1, 1, "call '" + callId + "' is not in draw " + drawId));
        continue;
      }
      Integer earlier = seenAt.putIfAbsent(callId, r + 1);
      if (earlier != null) {
        problems.add(
            new Problem(
                name,
                r + 1,
                1,
                "call '" + callId + "' appears again (first in row " + earlier + ")"));
        continue;
      }
      if (!anyScore) {
        unscored[0]++;
        continue;
      }
      Map<String, String> answers = new LinkedHashMap<>();
      for (int i = 0; i < items.size(); i++) {
        ScoringForm.Item item = items.get(i);
        String v = values.get(i);
        List<String> allowed = form.allowedCodes(item);
        if (v.isEmpty()) {
          problems.add(
              new Problem(
                  name, r + 1, first + i, "missing the mandatory item '" + item.text() + "'"));
        } else if (!allowed.contains(v)) {
          problems.add(
              new Problem(
                  name,
                  r + 1,
                  first + i,
                  "'"
                      + v
                      + "' is not allowed for '"
                      + item.text()
                      + "'; choose one of "
                      + String.join("、", allowed)));
        }
        answers.put(item.id(), v);
      }
      rows.put(
          callId, new Scored(callId, answers, text(row, auditorCol), text(row, auditorCol + 1)));
    }
  }

  private Result store(
      String drawId, Map<String, String> sample, Map<String, Scored> rows, int unscored)
      throws IOException {
    Set<String> before = new TreeSet<>();
    for (List<String> r :
        clickHouse.query(
            "SELECT DISTINCT call_id FROM audit_scores WHERE draw_id = "
                + AuditDraw.quote(drawId))) {
      before.add(r.get(0));
    }
    Instant now = Instant.now();
    String importId = "I" + now.toEpochMilli();
    List<String> ids = form.items().stream().map(ScoringForm.Item::id).toList();
    StringBuilder tsv = new StringBuilder();
    int replaced = 0;
    for (Scored s : rows.values()) {
      ScoringForm.Score score = form.score(s.answers());
      if (before.contains(s.callId())) {
        replaced++;
      }
      new TsvRow(tsv)
          .text(drawId)
          .text(importId)
          .text(s.callId())
          .text(sample.get(s.callId()))
          .text(form.fullVersion())
          .textArray(ids)
          .textArray(new ArrayList<>(s.answers().values()))
          .nullableDecimal(score.value())
          .flag(score.failed())
          .text(s.auditor())
          .text(s.remark())
          .dateTime(now)
          .number(now.toEpochMilli())
          .end();
    }
    if (!rows.isEmpty()) {
      clickHouse.insert(
          "audit_scores",
          List.of(
              "draw_id",
              "import_id",
              "call_id",
              "center",
              "form_version",
              "item_ids",
              "item_values",
              "score",
              "failed",
              "auditor",
              "remark",
              "imported_at",
              "imported_ms"),
          tsv.toString());
    }
    return new Result(drawId, importId, rows.size(), replaced, unscored);
  }

  private static String text(Row row, int column) {
    if (row == null) {
      return "";
    }
    Cell cell = row.getCell(column);
    return cell == null ? "" : TEXT.formatCellValue(cell).strip();
  }
}
