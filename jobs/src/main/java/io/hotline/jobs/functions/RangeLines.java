package io.hotline.jobs.functions;

import io.hotline.schemas.events.EventParser;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Cuts one byte range of a JSON-lines file into lines, in place in one reused buffer: the batch
 * twin's reader, and the parse-only floor's, so that both read the bytes the same way. A line
 * belongs to the range its first byte is in, so ranges cut anywhere cover every line once.
 */
public final class RangeLines {
  // Far longer than any valid record: a line that does not fit is refused as over-long.
  static final int BUFFER_BYTES = 1 << 20;

  /**
   * Bytes kept of an over-long line: one more than the parser accepts, as much as the dead letter
   * can show of it.
   */
  private static final int MAX_KEPT_BYTES = EventParser.MAX_RECORD_BYTES + 1;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;

  /** What is done with each line. */
  public interface Sink {
    /** A line in {@code buf[start, end)}; the buffer is reused after the call returns. */
    void line(byte[] buf, int start, int end);

    /** A line of {@code length} bytes of which only the beginning, {@code head}, was kept. */
    void overLong(byte[] head, long length);
  }

  private RangeLines() {}

  /**
   * Calls the sink for each line that starts in {@code [from, to)} of the file, in order, without
   * its '\n'. Starts one byte early: a line that begins before {@code from} belongs to the range
   * before, one that begins exactly at {@code from} (the byte before is '\n') to this one.
   *
   * <p>A line that does not fit in the buffer is longer than any valid record: only its beginning
   * is kept, the rest is counted on the way to its '\n', and it is refused with its real size. A
   * file without newlines (a corrupt upload) thus takes no more memory than the buffer.
   */
  public static void read(Path file, long from, long to, Sink sink) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      read(ch, from, Math.min(to, ch.size()), sink);
    }
  }

  private static void read(FileChannel ch, long from, long to, Sink lines) throws IOException {
    if (from >= to) {
      return;
    }
    byte[] buf = new byte[BUFFER_BYTES];
    long fileAt = from == 0 ? 0 : from - 1; // file offset of buf[0]
    int filled = 0;
    int lineStart = from == 0 ? 0 : -1; // -1: skipping to the first line start
    int scan = 0;
    OverLongLine overLong = null; // the line being counted past the buffer, or null
    while (true) {
      int n = ch.read(ByteBuffer.wrap(buf, filled, buf.length - filled), fileAt + filled);
      boolean atEnd = n <= 0;
      if (!atEnd) {
        filled += n;
      }
      for (int i = newline(buf, scan, filled); i >= 0; i = newline(buf, i + 1, filled)) {
        if (overLong != null) {
          lines.overLong(overLong.head, overLong.endAt(buf, i));
          overLong = null;
        } else if (lineStart >= 0) {
          lines.line(buf, lineStart, i);
        }
        lineStart = i + 1;
        if (fileAt + lineStart >= to) {
          return;
        }
      }
      if (atEnd) {
        if (overLong != null) {
          lines.overLong(overLong.head, overLong.endAt(buf, filled)); // no '\n' after it
        } else if (lineStart >= 0 && lineStart < filled) {
          lines.line(buf, lineStart, filled); // the last line has no '\n'
        }
        return;
      }
      // Keep the unfinished line: move it to the front; if it fills the whole buffer, it is
      // over-long: keep its beginning once, count the bytes and let them go.
      int keepFrom = lineStart >= 0 ? lineStart : filled;
      if (keepFrom == 0 && filled == buf.length) {
        if (overLong == null) {
          overLong = new OverLongLine(Arrays.copyOf(buf, MAX_KEPT_BYTES));
        }
        overLong.skipped(buf, filled);
        keepFrom = filled;
      }
      System.arraycopy(buf, keepFrom, buf, 0, filled - keepFrom);
      fileAt += keepFrom;
      filled -= keepFrom;
      scan = filled;
      lineStart = lineStart >= 0 ? 0 : -1;
    }
  }

  /**
   * A line longer than the buffer: its first bytes, for the dead letter, and how many bytes of it
   * have been let go so far.
   */
  private static final class OverLongLine {
    final byte[] head;
    long length;
    byte last;

    OverLongLine(byte[] head) {
      this.head = head;
    }

    /** The line's bytes in {@code buf[0, n)} are counted and let go. */
    void skipped(byte[] buf, int n) {
      length += n;
      last = buf[n - 1];
    }

    /** The line's full length when it ends at {@code buf[end]}, without a '\r' before '\n'. */
    long endAt(byte[] buf, int end) {
      byte before = end > 0 ? buf[end - 1] : last;
      return length + end - (before == '\r' ? 1 : 0);
    }
  }

  /**
   * The index of the first '\n' in {@code buf[from, to)}, or -1; eight bytes at a time (a zero byte
   * of {@code word ^ 0x0a0a…} marks a newline), because lines are a few hundred bytes long.
   */
  static int newline(byte[] buf, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ NEWLINES;
      long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
