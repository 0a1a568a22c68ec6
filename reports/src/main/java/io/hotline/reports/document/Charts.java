package io.hotline.reports.document;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartTheme;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Report charts drawn with JFreeChart in a theme whose fonts can show Chinese: the first installed
 * CJK font of a short list (Debian's fonts-wqy-microhei or fonts-noto-cjk), so labels never come
 * out as empty boxes. Charts are rendered to PNG for Word documents.
 */
public final class Charts {
  private static final List<String> CJK_FONTS =
      List.of("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC");
  private static final Color BLUE = new Color(0x1F4E79);
  private static final Color RED = new Color(0xC0392B);

  private Charts() {}

  /** The font family used for chart text, or a logical font when no CJK font is installed. */
  public static String fontFamily() {
    List<String> installed =
        Arrays.asList(
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    return CJK_FONTS.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
  }

  private static ChartTheme theme() {
    String family = fontFamily();
    StandardChartTheme theme = new StandardChartTheme("hotline-cjk");
    theme.setExtraLargeFont(new Font(family, Font.BOLD, 18));
    theme.setLargeFont(new Font(family, Font.BOLD, 14));
    theme.setRegularFont(new Font(family, Font.PLAIN, 12));
    theme.setSmallFont(new Font(family, Font.PLAIN, 10));
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setDomainGridlinePaint(new Color(0xDDDDDD));
    theme.setRangeGridlinePaint(new Color(0xDDDDDD));
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    return theme;
  }

  /**
   * Bars of a volume per category (e.g. calls per month) with a ratio as a line on a second axis
   * (e.g. the answer rate), values of the ratio given as decimals and shown as percentages.
   */
  public static JFreeChart barsWithRate(
      String title,
      String barLabel,
      String rateLabel,
      List<String> categories,
      List<? extends Number> bars,
      List<Double> rates) {
    DefaultCategoryDataset volume = new DefaultCategoryDataset();
    DefaultCategoryDataset rate = new DefaultCategoryDataset();
    for (int i = 0; i < categories.size(); i++) {
      volume.addValue(bars.get(i), barLabel, categories.get(i));
      Double r = rates.get(i);
      rate.addValue(r == null ? null : r * 100, rateLabel, categories.get(i));
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, barLabel, volume, PlotOrientation.VERTICAL, true, false, false);
    theme().apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, BLUE);
    NumberAxis rateAxis = new NumberAxis(rateLabel + "（%）");
    rateAxis.setAutoRangeIncludesZero(false);
    rateAxis.setLabelFont(plot.getRangeAxis().getLabelFont());
    rateAxis.setTickLabelFont(plot.getRangeAxis().getTickLabelFont());
    plot.setRangeAxis(1, rateAxis);
    plot.setDataset(1, rate);
    plot.mapDatasetToRangeAxis(1, 1);
    LineAndShapeRenderer line = new LineAndShapeRenderer(true, true);
    line.setSeriesPaint(0, RED);
    plot.setRenderer(1, line);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    tiltIfCrowded(plot.getDomainAxis(), categories);
    return chart;
  }

  /** Horizontal bars, largest first as given (e.g. topic shares or a city comparison). */
  public static JFreeChart horizontalBars(
      String title, String valueLabel, List<String> categories, List<? extends Number> values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < categories.size(); i++) {
      data.addValue(values.get(i), valueLabel, categories.get(i));
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, valueLabel, data, PlotOrientation.HORIZONTAL, false, false, false);
    theme().apply(chart);
    ((BarRenderer) chart.getCategoryPlot().getRenderer()).setSeriesPaint(0, BLUE);
    return chart;
  }

  /** Grouped vertical bars, one series per name (e.g. answer rate and SL15 per city). */
  public static JFreeChart groupedBars(
      String title,
      String valueLabel,
      List<String> categories,
      List<String> seriesNames,
      List<List<? extends Number>> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int s = 0; s < seriesNames.size(); s++) {
      for (int i = 0; i < categories.size(); i++) {
        data.addValue(series.get(s).get(i), seriesNames.get(s), categories.get(i));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, valueLabel, data, PlotOrientation.VERTICAL, true, false, false);
    theme().apply(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.getRenderer().setSeriesPaint(0, BLUE);
    plot.getRenderer().setSeriesPaint(1, RED);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    tiltIfCrowded(plot.getDomainAxis(), categories);
    return chart;
  }

  /** Tilts labels when they would not fit side by side (many, or long names such as 自治州). */
  private static void tiltIfCrowded(CategoryAxis axis, List<String> categories) {
    int longest = categories.stream().mapToInt(String::length).max().orElse(0);
    if (categories.size() > 24 || categories.size() * longest > 40) {
      axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
  }

  public static BufferedImage image(JFreeChart chart, int width, int height) {
    return chart.createBufferedImage(width, height);
  }

  /**
   * The chart as PNG. Drawn on an opaque RGB image and deflated lightly: ImageIO's defaults (alpha
   * channel, maximum compression) made PNG encoding most of a report's CPU time, for files only a
   * little smaller.
   */
  public static byte[] png(JFreeChart chart, int width, int height) {
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = rgb.createGraphics();
    try {
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.8f);
      writer.write(null, new IIOImage(rgb, null, null), param);
      stream.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
