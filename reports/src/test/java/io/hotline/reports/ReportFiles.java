package io.hotline.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Reads written reports back with POI, the way a reader's office suite would see them. */
public final class ReportFiles {
  private ReportFiles() {}

  public static XSSFWorkbook workbook(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  public static XWPFDocument document(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XWPFDocument(in);
    }
  }

  /** A cell's value as stored: a number, a string, or (for a formula) its cached result. */
  public static Object value(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    return switch (type) {
      case NUMERIC -> cell.getNumericCellValue();
      case STRING -> cell.getStringCellValue().isEmpty() ? null : cell.getStringCellValue();
      case BLANK -> null;
      default -> new DataFormatter().formatCellValue(cell);
    };
  }

  /** The first row of a sheet whose first cells equal the given texts. */
  public static Optional<Row> row(Sheet sheet, String... leading) {
    for (Row row : sheet) {
      boolean match = true;
      for (int i = 0; i < leading.length && match; i++) {
        Object v = value(row.getCell(i));
        match = leading[i].equals(v);
      }
      if (match) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /** Column index of a header text in the sheet's header row (the first row whose cell 0 is it). */
  public static int column(Sheet sheet, int headerRow, String header) {
    Row row = sheet.getRow(headerRow);
    for (Cell c : row) {
      if (header.equals(value(c))) {
        return c.getColumnIndex();
      }
    }
    throw new AssertionError("no column " + header + " in " + sheet.getSheetName());
  }

  /** All paragraphs' text, in order. */
  public static List<String> paragraphs(XWPFDocument doc) {
    List<String> out = new ArrayList<>();
    for (XWPFParagraph p : doc.getParagraphs()) {
      out.add(p.getText());
    }
    return out;
  }

  /** The table that follows the caption paragraph ending with the given text. */
  public static XWPFTable tableAfter(XWPFDocument doc, String captionEnd) {
    boolean seen = false;
    for (var element : doc.getBodyElements()) {
      if (element instanceof XWPFParagraph p && p.getText().endsWith(captionEnd)) {
        seen = true;
      } else if (seen && element instanceof XWPFTable t) {
        return t;
      }
    }
    throw new AssertionError("no table after a caption ending " + captionEnd);
  }

  /** A table's rows as text cells. */
  public static List<List<String>> cells(XWPFTable table) {
    List<List<String>> rows = new ArrayList<>();
    table
        .getRows()
        .forEach(r -> rows.add(r.getTableCells().stream().map(c -> c.getText()).toList()));
    return rows;
  }
}
