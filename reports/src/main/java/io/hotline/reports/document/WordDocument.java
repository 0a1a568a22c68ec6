package io.hotline.reports.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.util.Units;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.jfree.chart.JFreeChart;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

/**
 * A formal Chinese document (公文 layout, simplified): A4, a centred title in 黑体, body text in 宋体
 * with a two-character first-line indent, numbered section headings, tables with a shaded header
 * row, charts as pictures, page numbers in the footer. Reports build on it so every document the
 * product issues looks the same.
 */
public final class WordDocument implements AutoCloseable {
  private static final String BODY_FONT = "宋体";
  private static final String HEADING_FONT = "黑体";
  private static final String LATIN_FONT = "Times New Roman";
  private static final int BODY_SIZE = 12;
  private static final int TABLE_SIZE = 9;
  private static final String HEADER_FILL = "D9E2F3";
  private static final int CONTENT_WIDTH_TWIPS = 9070; // A4 width minus 2.6 cm margins, twips

  private final XWPFDocument doc = new XWPFDocument();
  private int sections;

  public WordDocument() {
    pageSetup();
    pageNumbers();
  }

  private void pageSetup() {
    CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = sect.addNewPgSz();
    size.setW(BigInteger.valueOf(11906));
    size.setH(BigInteger.valueOf(16838));
    size.setOrient(STPageOrientation.PORTRAIT);
    CTPageMar mar = sect.addNewPgMar();
    mar.setTop(BigInteger.valueOf(1984));
    mar.setBottom(BigInteger.valueOf(1701));
    mar.setLeft(BigInteger.valueOf(1418));
    mar.setRight(BigInteger.valueOf(1418));
  }

  private void pageNumbers() {
    XWPFFooter footer = doc.createFooter(HeaderFooterType.DEFAULT);
    XWPFParagraph p = footer.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    style(p.createRun(), BODY_FONT, 10, false).setText("— ");
    p.getCTP().addNewFldSimple().setInstr("PAGE");
    style(p.createRun(), BODY_FONT, 10, false).setText(" —");
  }

  /** The document title, centred, large. */
  public void title(String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(240);
    style(p.createRun(), HEADING_FONT, 20, true).setText(text);
  }

  /** A centred line under the title (issuer, date, a note such as 部分年度). */
  public void subtitle(String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    style(p.createRun(), BODY_FONT, 14, false).setText(text);
  }

  /** The next numbered section heading: 一、… 二、… */
  public void section(String text) {
    sections++;
    XWPFParagraph p = doc.createParagraph();
    p.setSpacingBefore(240);
    p.setSpacingAfter(120);
    style(p.createRun(), HEADING_FONT, 16, false)
        .setText(ChineseText.sectionNumber(sections) + "、" + text);
  }

  /** A sub-heading inside a section: （一）… */
  public void subsection(int number, String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setSpacingBefore(120);
    p.setIndentationFirstLine(480);
    style(p.createRun(), "楷体", 14, true)
        .setText("（" + ChineseText.sectionNumber(number) + "）" + text);
  }

  /** A body paragraph. */
  public void paragraph(String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setIndentationFirstLine(480);
    p.setSpacingBetween(1.5);
    style(p.createRun(), BODY_FONT, BODY_SIZE, false).setText(text);
  }

  /** A small note under a table or chart (source, definitions). */
  public void note(String text) {
    XWPFParagraph p = doc.createParagraph();
    style(p.createRun(), BODY_FONT, 9, false).setText(text);
  }

  /** A caption above a table or chart: 表1 … / 图1 … */
  public void caption(String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingBefore(120);
    style(p.createRun(), HEADING_FONT, 10.5, false).setText(text);
  }

  /**
   * A table: the first row is the header (shaded, bold); numbers (cells starting with a digit, a
   * sign or the dash) are right-aligned so columns of figures line up.
   */
  public void table(List<String> header, List<List<String>> rows) {
    table(header, rows, 0);
  }

  /** A table whose column {@code wide} (names) gets twice a figure column's width. */
  public void table(List<String> header, List<List<String>> rows, int wide) {
    XWPFTable table = doc.createTable(rows.size() + 1, header.size());
    table.setTableAlignment(TableRowAlign.CENTER);
    table.setWidth(CONTENT_WIDTH_TWIPS);
    fill(table.getRow(0), header, true);
    for (int i = 0; i < rows.size(); i++) {
      fill(table.getRow(i + 1), rows.get(i), false);
    }
    widths(table, header.size(), wide);
  }

  private static void widths(XWPFTable table, int columns, int wide) {
    int unit = CONTENT_WIDTH_TWIPS / (columns + 1);
    for (XWPFTableRow row : table.getRows()) {
      for (int c = 0; c < columns; c++) {
        row.getCell(c).setWidth(Integer.toString(c == wide ? 2 * unit : unit));
      }
    }
  }

  private void fill(XWPFTableRow row, List<String> values, boolean header) {
    if (header) {
      row.setRepeatHeader(true);
    }
    for (int c = 0; c < values.size(); c++) {
      XWPFTableCell cell = row.getCell(c);
      if (header) {
        cell.setColor(HEADER_FILL);
      }
      XWPFParagraph p = cell.getParagraphs().get(0);
      String v = values.get(c);
      p.setAlignment(
          !header && c > 0 && looksNumeric(v)
              ? ParagraphAlignment.RIGHT
              : ParagraphAlignment.CENTER);
      style(p.createRun(), header ? HEADING_FONT : BODY_FONT, TABLE_SIZE, false).setText(v);
    }
  }

  private static boolean looksNumeric(String v) {
    return !v.isEmpty() && (Character.isDigit(v.charAt(0)) || "+-—".indexOf(v.charAt(0)) >= 0);
  }

  /** A chart as a picture across the text width. */
  public void chart(JFreeChart chart, String name) {
    int widthPx = 900;
    int heightPx = 480;
    byte[] png = Charts.png(chart, widthPx, heightPx);
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    try {
      p.createRun()
          .addPicture(
              new ByteArrayInputStream(png),
              XWPFDocument.PICTURE_TYPE_PNG,
              name + ".png",
              Units.toEMU(440),
              Units.toEMU(440.0 * heightPx / widthPx));
    } catch (InvalidFormatException | IOException e) {
      throw new IllegalStateException("cannot embed chart " + name, e);
    }
  }

  /** A line of right-aligned text (signature block, date). */
  public void right(String text) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.RIGHT);
    style(p.createRun(), BODY_FONT, BODY_SIZE, false).setText(text);
  }

  public void write(OutputStream out) throws IOException {
    doc.write(out);
  }

  @Override
  public void close() throws IOException {
    doc.close();
  }

  private static XWPFRun style(XWPFRun run, String eastAsiaFont, double size, boolean bold) {
    CTFonts fonts = run.getCTR().addNewRPr().addNewRFonts();
    fonts.setAscii(LATIN_FONT);
    fonts.setHAnsi(LATIN_FONT);
    fonts.setEastAsia(eastAsiaFont);
    run.setFontSize(size);
    run.setBold(bold);
    return run;
  }
}
