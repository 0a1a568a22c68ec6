package io.hotline.reports.document;

import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * One sheet of a data annex, written row by row: a bold frozen header with a filter, real numbers
 * in number formats (never numbers as text), formulas where a reader expects them, and print set-up
 * (landscape A4, fit to page width, header row repeated on every page).
 */
public final class ExcelSheet {
  private final ExcelWorkbook book;
  private final XSSFSheet sheet;
  private int nextRow;
  private int headerRow = -1;
  private int width;

  ExcelSheet(ExcelWorkbook book, XSSFSheet sheet) {
    this.book = book;
    this.sheet = sheet;
    PrintSetup print = sheet.getPrintSetup();
    print.setLandscape(true);
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setAutobreaks(true);
    sheet.setFitToPage(true);
  }

  /** A title line above the table (bold, not part of the filtered range). */
  public ExcelSheet title(String text) {
    Row row = sheet.createRow(nextRow++);
    Cell cell = row.createCell(0);
    cell.setCellValue(text);
    cell.setCellStyle(book.style(ExcelWorkbook.Style.TITLE));
    return this;
  }

  /** The header row: frozen, filtered, repeated when printed. */
  public ExcelSheet header(List<String> names) {
    headerRow = nextRow;
    width = names.size();
    Row row = sheet.createRow(nextRow++);
    row.setHeightInPoints(30); // two lines of wrapped header text
    for (int c = 0; c < names.size(); c++) {
      Cell cell = row.createCell(c);
      cell.setCellValue(names.get(c));
      cell.setCellStyle(book.style(ExcelWorkbook.Style.HEADER));
      // Headers wrap, so a column needs only about half its header's width in CJK characters.
      sheet.setColumnWidth(c, Math.max(9, Math.min(16, names.get(c).length() + 4)) * 256);
    }
    sheet.createFreezePane(0, headerRow + 1);
    // About 14 columns stay legible on a landscape A4 page; wider tables print on more pages.
    sheet.getPrintSetup().setFitWidth((short) Math.max(1, (names.size() + 13) / 14));
    sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, 0, names.size() - 1));
    return this;
  }

  /** Starts the next data row. */
  public RowWriter row() {
    return new RowWriter(sheet.createRow(nextRow++));
  }

  /** The 1-based spreadsheet row number the next {@link #row()} will have, for formulas. */
  public int nextRowNumber() {
    return nextRow + 1;
  }

  /** Sets a column's width in characters. */
  public ExcelSheet width(int column, int characters) {
    sheet.setColumnWidth(column, characters * 256);
    return this;
  }

  /**
   * Restricts a column's cells (0-based rows {@code firstRow}..{@code lastRow}) to a drop-down of
   * values; anything else typed in is refused by Excel/WPS with the given message.
   */
  public ExcelSheet dropDown(
      int column, int firstRow, int lastRow, List<String> values, String error) {
    if (lastRow < firstRow) {
      return this;
    }
    DataValidationHelper helper = sheet.getDataValidationHelper();
    DataValidationConstraint list =
        helper.createExplicitListConstraint(values.toArray(String[]::new));
    DataValidation v =
        helper.createValidation(list, new CellRangeAddressList(firstRow, lastRow, column, column));
    v.setShowErrorBox(true);
    v.setSuppressDropDownArrow(true); // for XSSF, true shows the arrow
    v.createErrorBox("无效的评分", error);
    sheet.addValidationData(v);
    return this;
  }

  /** The 0-based index of the next row. */
  public int nextRowIndex() {
    return nextRow;
  }

  /** Puts the filter on the header and the rows written so far; call after the last row. */
  public void finish() {
    if (headerRow >= 0 && nextRow > headerRow + 1) {
      sheet.setAutoFilter(new CellRangeAddress(headerRow, nextRow - 1, 0, width - 1));
    }
  }

  /** The spreadsheet name of a 0-based column, e.g. 0 → A. */
  public static String column(int index) {
    return CellReference.convertNumToColString(index);
  }

  /** Writes the cells of one row from left to right. */
  public final class RowWriter {
    private final Row row;
    private int col;

    RowWriter(Row row) {
      this.row = row;
    }

    public int rowNumber() {
      return row.getRowNum() + 1;
    }

    public RowWriter text(String value) {
      Cell cell = row.createCell(col++);
      // Cell text is data, never a formula: POI stores strings as shared strings, so a value
      // such as "=cmd|..." stays text when the file is opened.
      cell.setCellValue(value == null ? "" : value);
      cell.setCellStyle(book.style(ExcelWorkbook.Style.TEXT));
      return this;
    }

    public RowWriter count(long value) {
      return number(value, ExcelWorkbook.Style.COUNT);
    }

    /** A number, or an empty cell when null (an undefined value is not zero). */
    public RowWriter number(Double value, ExcelWorkbook.Style style) {
      Cell cell = row.createCell(col++);
      if (value != null) {
        cell.setCellValue(value);
      }
      cell.setCellStyle(book.style(style));
      return this;
    }

    private RowWriter number(long value, ExcelWorkbook.Style style) {
      Cell cell = row.createCell(col++);
      cell.setCellValue(value);
      cell.setCellStyle(book.style(style));
      return this;
    }

    public RowWriter ratio(Double value) {
      return number(value, ExcelWorkbook.Style.PERCENT);
    }

    public RowWriter seconds(Double value) {
      return number(value, ExcelWorkbook.Style.SECONDS);
    }

    /** A formula (without the leading =), shown in the given style. */
    public RowWriter formula(String formula, ExcelWorkbook.Style style) {
      Cell cell = row.createCell(col++);
      cell.setCellFormula(formula);
      cell.setCellStyle(book.style(style));
      return this;
    }

    /** The 0-based index of the next cell. */
    public int column() {
      return col;
    }
  }
}
