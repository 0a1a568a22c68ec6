package io.hotline.reports.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts use a font that has Chinese glyphs, and really draw something. */
class ChartsTest {
  @Test
  void chartFontCanShowChineseLabels() {
    Font font = new Font(Charts.fontFamily(), Font.PLAIN, 12);
    // -1: every character has a glyph (fonts-wqy-microhei is installed by .ci/install-deps).
    assertThat(font.canDisplayUpTo("接通率与15秒接通率 海西蒙古族藏族自治州")).isEqualTo(-1);
  }

  @Test
  void barsWithRateDrawBarsAndALine() {
    BufferedImage image =
        Charts.image(
            Charts.barsWithRate(
                "分月呼入量与接通率",
                "呼入总量",
                "接通率",
                List.of("1月", "2月", "3月"),
                List.of(100L, 200L, 150L),
                Arrays.asList(0.9, null, 0.95)),
            600,
            300);
    long dark = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (((rgb >> 16) & 0xFF) < 100 && (rgb & 0xFF) > 100) {
          dark++; // the bars' dark blue
        }
      }
    }
    assertThat(dark).isGreaterThan(2_000);
  }
}
