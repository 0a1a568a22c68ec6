package io.hotline.jobs.functions;

import io.hotline.jobs.records.NumberedLine;
import io.hotline.schemas.events.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON-lines file as raw lines with their line numbers (so a dead letter says "file:line"),
 * without decoding text: parsing, and with it UTF-8 checking, happens downstream in parallel. A
 * file is read whole by one reader, which is what makes the line numbers right.
 */
public final class NumberedLineFormat extends SimpleStreamFormat<NumberedLine> {
  private static final long serialVersionUID = 1L;

  @Override
  public StreamFormat.Reader<NumberedLine> createReader(
      Configuration config, FSDataInputStream in) {
    return new LineReader(in);
  }

  @Override
  public TypeInformation<NumberedLine> getProducedType() {
    return TypeInformation.of(NumberedLine.class);
  }

  /**
   * Bytes kept of one line: one more than the parser accepts, so an over-long line is still refused
   * as such, while a line of gigabytes (a file without newlines, a corrupt upload) cannot exhaust
   * the memory of the job.
   */
  static final int MAX_KEPT_BYTES = EventParser.MAX_RECORD_BYTES + 1;

  /** Splits the byte stream on '\n' (dropping a '\r' before it), skipping blank lines. */
  static final class LineReader implements StreamFormat.Reader<NumberedLine> {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long lineNumber;
    private byte[] line = new byte[1024];

    LineReader(InputStream in) {
      this.in = in;
    }

    @Override
    public NumberedLine read() throws IOException {
      while (true) {
        int len = 0;
        long length = 0;
        boolean sawAny = false;
        while (true) {
          if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
              limit = 0;
              if (!sawAny) {
                return null;
              }
              break;
            }
          }
          sawAny = true;
          byte b = buf[pos++];
          if (b == '\n') {
            break;
          }
          length++;
          if (len == MAX_KEPT_BYTES) {
            continue; // the rest of an over-long line is counted, not kept
          }
          if (len == line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_KEPT_BYTES, line.length * 2));
          }
          line[len++] = b;
        }
        lineNumber++;
        if (length == len && len > 0 && line[len - 1] == '\r') {
          len--;
          length--;
        }
        if (len > 0) {
          return new NumberedLine(lineNumber, Arrays.copyOf(line, len), length);
        }
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
