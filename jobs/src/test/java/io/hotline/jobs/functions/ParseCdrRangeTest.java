package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParseCdrRangeTest {
  @Test
  void findsEachNewlineWhereverItIsInAWord() {
    for (int length = 0; length < 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] b = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
        b[at] = '\n';
        for (int from = 0; from <= at; from++) {
          assertThat(ParseCdrRange.newline(b, from, length)).isEqualTo(at);
        }
        assertThat(ParseCdrRange.newline(b, at + 1, length)).isEqualTo(-1);
        assertThat(ParseCdrRange.newline(b, 0, at)).isEqualTo(-1);
      }
    }
    byte[] high = {(byte) 0x8a, (byte) 0xff, 0x0b, 0x09, 0x0a, 0, 0, 0, 0, 0};
    assertThat(ParseCdrRange.newline(high, 0, high.length)).isEqualTo(4);
  }
}
