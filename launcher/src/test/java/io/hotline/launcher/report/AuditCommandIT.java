package io.hotline.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.launcher.Hotline;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.clickhouse.ClickHouseHttp;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's audit from the command line over a simulated half-year in ClickHouse: draw, fill in
 * the workbook (here with POI), import, publish; a spoiled workbook is refused with exit 2 and
 * stores nothing.
 */
@ExtendWith(ClickHouseExtension.class)
class AuditCommandIT {
  @TempDir Path tmp;

  @Test
  void drawFillImportAndPublish(ClickHouseConfig config) throws Exception {
    String[] db = {"--clickhouse-url", config.url(), "--database", config.database()};
    assertThat(
            Hotline.run(
                concat(
                    new String[] {
                      "simulate",
                      "--centers",
                      "632300,632600",
                      "--from",
                      "2025-01-01",
                      "--to",
                      "2025-06-30",
                      "--seed",
                      "5",
                      "--clickhouse"
                    },
                    db)))
        .isZero();
    Path workbook = tmp.resolve("2025H1-630000.xlsx");
    assertThat(
            Hotline.run(
                concat(
                    new String[] {
                      "audit",
                      "draw",
                      "--period",
                      "2025H1",
                      "--province",
                      "630000",
                      "--per-center",
                      "25",
                      "--seed",
                      "9",
                      "--out",
                      workbook.toString()
                    },
                    db)))
        .isZero();

    Path spoiled = tmp.resolve("spoiled.xlsx");
    fill(workbook, spoiled, "很好");
    assertThat(Hotline.run(concat(new String[] {"audit", "import", spoiled.toString()}, db)))
        .isEqualTo(2);
    ClickHouseHttp ch = new ClickHouseHttp(config);
    assertThat(ch.query("SELECT count() FROM audit_scores").get(0).get(0)).isEqualTo("0");

    Path filled = tmp.resolve("filled.xlsx");
    fill(workbook, filled, "符合");
    assertThat(
            Hotline.run(
                concat(
                    new String[] {"audit", "import", filled.toString(), "--period", "2025H1"}, db)))
        .isZero();
    assertThat(ch.query("SELECT count() FROM audit_scores").get(0).get(0)).isEqualTo("50");

    Path out = tmp.resolve("bulletin");
    assertThat(
            Hotline.run(
                concat(
                    new String[] {
                      "audit",
                      "bulletin",
                      "--period",
                      "2025H1",
                      "--province",
                      "630000",
                      "--out",
                      out.toString()
                    },
                    db)))
        .isZero();
    assertThat(out.resolve("2025H1-630000-质量监控通报.docx")).isNotEmptyFile();
    assertThat(out.resolve("2025H1-630000-质量监控通报附表.xlsx")).isNotEmptyFile();
    assertThat(
            Hotline.run(
                concat(
                    new String[] {
                      "audit", "bulletin", "--period", "2024H2", "--out", out.toString()
                    },
                    db)))
        .as("no scores in 2024H2")
        .isEqualTo(2);
  }

  /** Answers every item of every row with {@code answer} (with 符合, where 不适用 is refused). */
  private static void fill(Path from, Path to, String answer) throws Exception {
    try (InputStream in = Files.newInputStream(from);
        XSSFWorkbook book = new XSSFWorkbook(in)) {
      Sheet calls = book.getSheet("抽检通话");
      int items = calls.getRow(0).getLastCellNum() - 11 - 2;
      for (int r = 1; r <= calls.getLastRowNum(); r++) {
        Row row = calls.getRow(r);
        for (int i = 0; i < items; i++) {
          row.getCell(11 + i).setCellValue(answer);
        }
      }
      try (OutputStream out = Files.newOutputStream(to)) {
        book.write(out);
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
