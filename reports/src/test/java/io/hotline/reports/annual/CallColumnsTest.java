package io.hotline.reports.annual;

import static io.hotline.reports.ReportFiles.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotline.reports.ReportFiles;
import io.hotline.reports.document.ExcelSheet;
import io.hotline.reports.document.ExcelWorkbook;
import io.hotline.schemas.metrics.CallCounts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The annex's ratio formulas are the same definitions as {@link io.hotline.schemas.metrics.Metric}.
 */
class CallColumnsTest {
  private static CallCounts randomGroup(SplittableRandom r) {
    CallCounts c = new CallCounts();
    c.offered = r.nextInt(0, 500);
    c.answered = c.offered == 0 ? 0 : r.nextLong(c.offered + 1);
    c.abandoned = c.offered - c.answered;
    c.shortAbandoned = c.abandoned == 0 ? 0 : r.nextLong(c.abandoned + 1);
    c.ivrOnly = r.nextInt(0, 200);
    c.totalInbound = c.offered + c.ivrOnly;
    c.answeredWithin15s = c.answered == 0 ? 0 : r.nextLong(c.answered + 1);
    c.answeredWithin20s = c.answeredWithin15s + r.nextLong(c.answered - c.answeredWithin15s + 1);
    c.answeredWaitMs = c.answered * r.nextLong(0, 60_000);
    c.abandonedWaitMs = c.abandoned * r.nextLong(0, 90_000);
    c.talkMs = c.answered * r.nextLong(10_000, 900_000);
    c.sat1 = r.nextInt(0, 50);
    c.sat2 = r.nextInt(0, 10);
    c.sat3 = r.nextInt(0, 3);
    return c;
  }

  @Test
  void evaluatedFormulasEqualTheMetricsOfEveryRowAndOfTheTotal() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    List<CallCounts> groups = new ArrayList<>();
    groups.add(new CallCounts()); // every denominator empty: blank cells, not zeros
    for (int i = 0; i < 40; i++) {
      groups.add(randomGroup(r));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ExcelWorkbook book = new ExcelWorkbook()) {
      ExcelSheet sheet = book.sheet("t");
      sheet.header(CallColumns.headers());
      for (CallCounts g : groups) {
        CallColumns.write(sheet.row(), g);
      }
      CallColumns.writeTotals(sheet.row(), 2, groups.size() + 1);
      book.write(bytes);
    }
    CallCounts total = new CallCounts();
    groups.forEach(total::merge);
    List<CallCounts> expected = new ArrayList<>(groups);
    expected.add(total);
    try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
      for (int i = 0; i < expected.size(); i++) {
        Row row = read.getSheetAt(0).getRow(i + 1);
        int col = CallColumns.COMPONENTS.size();
        for (CallColumns.Ratio ratio : CallColumns.RATIOS) {
          Double metric = ratio.metric().of(expected.get(i));
          Object cell = value(row.getCell(col++));
          if (metric == null) {
            assertThat(cell).as("%s of row %d", ratio.header(), i).isNull();
          } else {
            assertThat((Double) cell)
                .as("%s of row %d", ratio.header(), i)
                .isCloseTo(metric, within(1e-12));
          }
        }
      }
      assertThat(ReportFiles.value(read.getSheetAt(0).getRow(expected.size()).getCell(0)))
          .isEqualTo((double) total.totalInbound);
    }
  }
}
