package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.NumberedLine;
import io.hotline.jobs.records.Origin;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.testing.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The batch twin's line reader: line numbers, CRLF, and lines no valid record could fill. */
class NumberedLineFormatTest {

  @Test
  void aHugeLineIsKeptOnlyInPart_andTheLinesAroundItAreRead() throws IOException {
    String valid = EventJson.answeredCall().json();
    long huge = 300L * 1024 * 1024; // 300 MB without a newline: more than a small heap holds
    InputStream in =
        concat(
            (valid + "\r\n").getBytes(StandardCharsets.UTF_8),
            repeated((byte) 'x', huge),
            ("\n\n" + valid + "\n").getBytes(StandardCharsets.UTF_8));
    NumberedLineFormat.LineReader reader = new NumberedLineFormat.LineReader(in);

    NumberedLine first = reader.read();
    NumberedLine second = reader.read();
    NumberedLine third = reader.read();

    assertThat(reader.read()).isNull();
    assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo(valid);
    assertThat(first.isCut()).isFalse();
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.length()).isEqualTo(huge);
    assertThat(second.bytes()).hasSize(EventParser.MAX_RECORD_BYTES + 1);
    assertThat(third.number()).isEqualTo(4);
    assertThat(new String(third.bytes(), StandardCharsets.UTF_8)).isEqualTo(valid);

    IngestRecord r =
        RecordParser.droppingCallers()
            .oversized(
                EventKind.CDR,
                Origin.file("cdr.jsonl", second.number()),
                second.bytes(),
                second.length(),
                Instant.EPOCH);
    assertThat(r.deadLetter().reason())
        .isEqualTo("(record) = (missing): is 314572800 bytes, over the limit of 65536 bytes");
    assertThat(r.deadLetter().rawMasked()).endsWith("…(cut, 314572800 bytes)");
  }

  private static InputStream concat(byte[] a, InputStream b, byte[] c) {
    return new java.io.SequenceInputStream(
        java.util.Collections.enumeration(
            java.util.List.of(
                new java.io.ByteArrayInputStream(a), b, new java.io.ByteArrayInputStream(c))));
  }

  /** {@code n} copies of one byte, generated rather than held in memory. */
  private static InputStream repeated(byte value, long n) {
    return new InputStream() {
      private long left = n;

      @Override
      public int read() {
        return left-- > 0 ? value : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int k = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + k, value);
        left -= k;
        return k;
      }
    };
  }
}
