package io.hotline.reports.document;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A data annex workbook with the few cell styles reports need, made once per workbook (Excel limits
 * the number of styles). Formulas are evaluated before saving so that readers that do not
 * recalculate (viewers, previews, POI) see their values.
 */
public final class ExcelWorkbook implements AutoCloseable {
  /** The cell styles of an annex. */
  public enum Style {
    TITLE,
    HEADER,
    TEXT,
    COUNT,
    PERCENT,
    SECONDS,
    DECIMAL
  }

  private final XSSFWorkbook book = new XSSFWorkbook();
  private final Map<Style, CellStyle> styles = new EnumMap<>(Style.class);

  public ExcelWorkbook() {
    for (Style s : Style.values()) {
      styles.put(s, create(s));
    }
  }

  public ExcelSheet sheet(String name) {
    return new ExcelSheet(this, book.createSheet(name));
  }

  /** A sheet users do not see (e.g. the identity of a draw, checked on import). */
  public ExcelSheet hiddenSheet(String name) {
    ExcelSheet sheet = sheet(name);
    book.setSheetHidden(book.getSheetIndex(name), true);
    return sheet;
  }

  CellStyle style(Style s) {
    return styles.get(s);
  }

  private CellStyle create(Style s) {
    CellStyle style = book.createCellStyle();
    Font font = book.createFont();
    font.setFontName("宋体");
    font.setFontHeightInPoints((short) 10);
    style.setVerticalAlignment(VerticalAlignment.CENTER);
    if (s == Style.TITLE || s == Style.HEADER || s == Style.TEXT) {
      // Text cells hold data (names of queues, topics, regions) that may start with = + - @.
      // POI already stores it as a string, never a formula; the quote prefix keeps it text when
      // a reader edits the cell and presses Enter, which Excel would otherwise re-parse.
      style.setQuotePrefixed(true);
    }
    switch (s) {
      case TITLE -> {
        font.setBold(true);
        font.setFontHeightInPoints((short) 12);
      }
      case HEADER -> {
        font.setBold(true);
        style.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setAlignment(HorizontalAlignment.CENTER);
        style.setWrapText(true);
        border(style);
      }
      case TEXT -> border(style);
      case COUNT -> numeric(style, "#,##0");
      case PERCENT -> numeric(style, "0.00%");
      case SECONDS -> numeric(style, "#,##0.0");
      case DECIMAL -> numeric(style, "#,##0.000");
    }
    style.setFont(font);
    return style;
  }

  private void numeric(CellStyle style, String format) {
    style.setDataFormat(book.createDataFormat().getFormat(format));
    style.setAlignment(HorizontalAlignment.RIGHT);
    border(style);
  }

  private static void border(CellStyle style) {
    style.setBorderTop(BorderStyle.THIN);
    style.setBorderBottom(BorderStyle.THIN);
    style.setBorderLeft(BorderStyle.THIN);
    style.setBorderRight(BorderStyle.THIN);
  }

  /** Evaluates every formula (so cached values are stored) and writes the workbook. */
  public void write(OutputStream out) throws IOException {
    XSSFFormulaEvaluator.evaluateAllFormulaCells(book);
    book.write(out);
  }

  @Override
  public void close() throws IOException {
    book.close();
  }
}
