package io.hotline.launcher.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.launcher.Hotline;
import io.hotline.schemas.clickhouse.ClickHouseConfig;
import io.hotline.schemas.testing.ClickHouseExtension;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annual report from the command line, checked against the batch twin on the same events: one
 * simulation is loaded into ClickHouse and written to files; {@code hotline report annual} reads
 * ClickHouse, {@code hotline metrics} reads the CDR file, and every monthly figure of the report's
 * annex must equal the twin's CSV (counts exactly, ratios to the CSV's rounding).
 */
@ExtendWith(ClickHouseExtension.class)
class AnnualReportCommandIT {
  private static final String[] SIMULATION = {
    "simulate",
    "--centers",
    "632300,632600",
    "--from",
    "2024-12-26",
    "--to",
    "2025-02-04",
    "--seed",
    "3"
  };
  private static final List<String> COUNTS =
      List.of("total_inbound", "ivr_only", "offered", "answered", "abandoned", "short_abandoned");
  // CSV column → header of the annex's ratio column, and decimals of the CSV.
  private static final Map<String, String> RATIOS =
      Map.of(
          "answer_rate", "接通率",
          "abandon_rate", "放弃率",
          "sl15", "15秒接通率",
          "sl20", "20秒接通率",
          "asa_s", "平均应答时长(秒)",
          "avg_wait_s", "平均等待时长(秒)",
          "aht_s", "平均通话时长(秒)",
          "satisfaction_rate", "满意率");

  @TempDir Path tmp;

  @Test
  void monthlyFiguresEqualTheBatchTwinOnTheSameEvents(ClickHouseConfig config) throws Exception {
    Path files = tmp.resolve("events");
    Path reports = tmp.resolve("reports");
    Path csv = tmp.resolve("month.csv");
    assertThat(Hotline.run(with(SIMULATION, "--out", files.toString()))).isZero();
    assertThat(
            Hotline.run(
                with(
                    SIMULATION,
                    "--clickhouse",
                    "--clickhouse-url",
                    config.url(),
                    "--database",
                    config.database())))
        .isZero();
    assertThat(
            Hotline.run(
                "report",
                "annual",
                "--year",
                "2025",
                "--province",
                "630000",
                "--out",
                reports.toString(),
                "--clickhouse-url",
                config.url(),
                "--database",
                config.database()))
        .isZero();
    assertThat(
            Hotline.run(
                "metrics",
                "--cdr",
                files.resolve("cdr.jsonl").toString(),
                "--by",
                "month",
                "--level",
                "province",
                "--out",
                csv.toString()))
        .isZero();

    Map<String, Map<String, String>> twin = readCsv(csv);
    assertThat(twin).containsKeys("2025-01|12333|630000", "2025-02|12333|630000");
    try (InputStream in = Files.newInputStream(reports.resolve("2025-630000-年度号码使用情况.xlsx"));
        XSSFWorkbook book = new XSSFWorkbook(in)) {
      Sheet monthly = book.getSheet("分月");
      int checked = 0;
      for (Row row : monthly) {
        if (row.getRowNum() == 0) {
          continue;
        }
        String line = row.getCell(0).getStringCellValue();
        String month = row.getCell(1).getStringCellValue().replace("月", "");
        Map<String, String> expected =
            twin.get(
                "2025-" + (month.length() == 1 ? "0" + month : month) + "|" + line + "|630000");
        assertThat(expected).as("twin row for %s %s月", line, month).isNotNull();
        for (int i = 0; i < COUNTS.size(); i++) {
          assertThat((long) row.getCell(2 + i).getNumericCellValue())
              .as("%s %s月 %s", line, month, COUNTS.get(i))
              .isEqualTo(Long.parseLong(expected.get(COUNTS.get(i))));
        }
        for (Map.Entry<String, String> ratio : RATIOS.entrySet()) {
          Cell cell = row.getCell(column(monthly, ratio.getValue()));
          String want = expected.get(ratio.getKey());
          int decimals = ratio.getKey().endsWith("_s") ? 1 : 4;
          assertThat(rounded(cell, decimals))
              .as("%s %s月 %s", line, month, ratio.getKey())
              .isEqualTo(want);
        }
        checked++;
      }
      assertThat(checked).isEqualTo(4); // 12333 and 12370, January and February
    }
  }

  @Test
  void badArgumentsExitWithTwo(ClickHouseConfig config) {
    String url = config.url();
    String db = config.database();
    Path out = tmp.resolve("r");
    assertThat(
            Hotline.run(
                "report",
                "annual",
                "--year",
                "2025",
                "--province",
                "999999",
                "--out",
                out.toString(),
                "--clickhouse-url",
                url,
                "--database",
                db))
        .isEqualTo(2);
    assertThat(
            Hotline.run(
                "report",
                "annual",
                "--year",
                "2025",
                "--national",
                "--out",
                out.toString(),
                "--clickhouse-url",
                url,
                "--database",
                db))
        .as("no data")
        .isEqualTo(2);
    assertThat(Hotline.run("report", "annual", "--year", "2025", "--out", out.toString()))
        .as("no scope")
        .isEqualTo(2);
  }

  private static String rounded(Cell cell, int decimals) {
    if (cell.getCachedFormulaResultType() != CellType.NUMERIC) {
      return "";
    }
    return BigDecimal.valueOf(cell.getNumericCellValue())
        .setScale(decimals, RoundingMode.HALF_UP)
        .toPlainString();
  }

  private static int column(Sheet sheet, String header) {
    for (Cell c : sheet.getRow(0)) {
      if (header.equals(c.getStringCellValue())) {
        return c.getColumnIndex();
      }
    }
    throw new AssertionError("no column " + header);
  }

  private static Map<String, Map<String, String>> readCsv(Path csv) throws Exception {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], v[i]);
      }
      rows.put(v[0] + "|" + v[1] + "|" + v[2], row);
    }
    return rows;
  }

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
