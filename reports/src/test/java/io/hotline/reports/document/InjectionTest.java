package io.hotline.reports.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

/**
 * Text from the data (a queue name, an agent's number, a topic's name, a region) that looks like a
 * spreadsheet formula or a Word field stays text in the annex and the bulletin: opened in Excel,
 * WPS or Word it is shown, never run.
 */
class InjectionTest {
  private static final List<String> HOSTILE =
      List.of(
          "=cmd|' /C calc'!A0",
          "+1+1",
          "-2+3",
          "@SUM(A1)",
          "=HYPERLINK(\"http://example.invalid\",\"点击\")",
          "\t=1+1",
          "{ DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc.exe\" }",
          "{ INCLUDETEXT \"http://example.invalid\" }",
          "<w:fldSimple w:instr=\"DATE\"/>",
          "'); DROP TABLE calls; --");

  @Test
  void formulaLikeTextStaysTextInEveryKindOfCell() throws Exception {
    byte[] xlsx;
    try (ExcelWorkbook book = new ExcelWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ExcelSheet sheet = book.sheet("附表");
      sheet.title(HOSTILE.get(0));
      sheet.header(HOSTILE);
      for (String s : HOSTILE) {
        sheet.row().text(s).text(s + " 话题").count(1);
      }
      sheet.finish();
      book.write(out);
      xlsx = out.toByteArray();
    }

    List<String> seen = new ArrayList<>();
    try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      XSSFSheet sheet = read.getSheet("附表");
      for (Row row : sheet) {
        for (Cell cell : row) {
          if (cell.getCellType() == CellType.NUMERIC) {
            continue;
          }
          assertThat(cell.getCellType())
              .as(cell.getAddress().toString())
              .isEqualTo(CellType.STRING);
          // Quote-prefixed: re-typing the cell in Excel keeps it text too.
          assertThat(cell.getCellStyle().getQuotePrefixed())
              .as("quote prefix of " + cell.getAddress())
              .isTrue();
          seen.add(cell.getStringCellValue());
        }
      }
    }
    assertThat(seen).containsAll(HOSTILE);
    assertThat(part(xlsx, "xl/worksheets/sheet1.xml")).doesNotContain("<f>").doesNotContain("<f ");
  }

  @Test
  void fieldLikeTextStaysTextInTheBulletin() throws Exception {
    byte[] docx;
    try (WordDocument doc = new WordDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String s : HOSTILE) {
        doc.title(s);
        doc.paragraph(s);
        doc.note(s);
      }
      doc.table(List.of("名称", "数量"), HOSTILE.stream().map(s -> List.of(s, s)).toList());
      doc.write(out);
      docx = out.toByteArray();
    }

    String xml = part(docx, "word/document.xml");
    assertThat(xml)
        .doesNotContain("<w:fldSimple")
        .doesNotContain("<w:instrText")
        .doesNotContain("<w:fldChar");
    try (XWPFDocument read = new XWPFDocument(new ByteArrayInputStream(docx))) {
      List<String> paragraphs = read.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(paragraphs).contains(HOSTILE.get(0), HOSTILE.get(6));
    }
  }

  private static String part(byte[] zip, String name) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no " + name + " in the file");
  }
}
