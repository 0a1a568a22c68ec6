package io.hotline.jobs.functions;

import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.FileRange;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.jobs.records.PackedCall;
import io.hotline.schemas.events.Cdr;
import io.hotline.schemas.events.EventKind;
import io.hotline.schemas.events.EventParser;
import io.hotline.schemas.events.ParseResult;
import io.hotline.schemas.metrics.CallMeasures;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The batch twin's first stage: reads the lines of one {@link FileRange} straight from the file,
 * parses and validates each in place with the shared {@link EventParser}, and emits every valid
 * call as a {@link PackedCall} (one reused object). Refused lines go aside as dead letters with
 * their line number within the range, and the range's line count follows them, so the client can
 * number them file-wide. Reading, parsing and packing in one function keeps per-line objects out of
 * Flink's network stack: only the 44-byte packed calls are shuffled.
 *
 * <p>A line belongs to the range its first byte is in; a '\r' before '\n' is dropped and blank
 * lines are skipped but counted, as a line-by-line reader of the whole file would.
 */
public final class ParseCdrRange extends ProcessFunction<FileRange, PackedCall> {
  private static final long serialVersionUID = 1L;

  /** Dead letters and line counts of the ranges. */
  public static final OutputTag<BatchOutput> ASIDE = new OutputTag<>("dead-letters-and-lines") {};

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

  private final String fileName;
  private final Grouping grouping;
  private final Instant receivedAt;

  public ParseCdrRange(String fileName, Grouping grouping, Instant receivedAt) {
    this.fileName = fileName;
    this.grouping = grouping;
    this.receivedAt = receivedAt;
  }

  @Override
  public void processElement(FileRange range, Context ctx, Collector<PackedCall> out)
      throws IOException {
    Lines lines = new Lines(range, ctx, out);
    try (FileChannel ch = FileChannel.open(Path.of(range.path()), StandardOpenOption.READ)) {
      readLines(ch, range, lines);
    }
    ctx.output(ASIDE, BatchOutput.lines(range.index(), lines.number));
  }

  /**
   * Calls {@code lines.accept} for each line that starts in the range. Starts one byte early: a
   * line that begins before {@code from} belongs to the range before, one that begins exactly at
   * {@code from} (the byte before is '\n') to this one.
   *
   * <p>A line that does not fit in the buffer is longer than any valid record: only its beginning
   * is kept, the rest is counted on the way to its '\n', and it is refused with its real size. A
   * file without newlines (a corrupt upload) thus takes no more memory than the buffer.
   */
  private static void readLines(FileChannel ch, FileRange range, Lines lines) throws IOException {
    long size = ch.size();
    long to = Math.min(range.to(), size);
    if (range.from() >= to) {
      return;
    }
    byte[] buf = new byte[BUFFER_BYTES];
    long fileAt = range.from() == 0 ? 0 : range.from() - 1; // file offset of buf[0]
    int filled = 0;
    int lineStart = range.from() == 0 ? 0 : -1; // -1: skipping to the first line start
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
          lines.acceptOverLong(overLong.head, overLong.endAt(buf, i));
          overLong = null;
        } else if (lineStart >= 0) {
          lines.accept(buf, lineStart, i);
        }
        lineStart = i + 1;
        if (fileAt + lineStart >= to) {
          return;
        }
      }
      if (atEnd) {
        if (overLong != null) {
          lines.acceptOverLong(overLong.head, overLong.endAt(buf, filled)); // no '\n' after it
        } else if (lineStart >= 0 && lineStart < filled) {
          lines.accept(buf, lineStart, filled); // the last line has no '\n'
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

  /** Parses the lines of one range in order, numbering them from 1. */
  private final class Lines {
    private final FileRange range;
    private final Context ctx;
    private final Collector<PackedCall> out;
    private final EventParser parser = EventParser.standard();
    private final PackedCall packed = new PackedCall();
    private long number;

    Lines(FileRange range, Context ctx, Collector<PackedCall> out) {
      this.range = range;
      this.ctx = ctx;
      this.out = out;
    }

    void accept(byte[] buf, int start, int end) {
      number++;
      if (end > start && buf[end - 1] == '\r') {
        end--;
      }
      if (end == start) {
        return;
      }
      ParseResult<Cdr> r = parser.parseCdr(buf, start, end - start);
      if (r.isValid()) {
        out.collect(pack(r.event()));
      } else {
        refuse(Arrays.copyOfRange(buf, start, end));
      }
    }

    /** A line of {@code length} bytes of which only the beginning, {@code head}, was kept. */
    void acceptOverLong(byte[] head, long length) {
      number++;
      IngestRecord refused =
          RecordParser.droppingCallers()
              .oversized(EventKind.CDR, Origin.file(fileName, number), head, length, receivedAt);
      ctx.output(ASIDE, BatchOutput.deadLetter(range.index(), refused.deadLetter()));
    }

    private PackedCall pack(Cdr c) {
      long[] id = Fingerprint128.of(c.callId());
      return packed.set(
          id[0],
          id[1],
          grouping.codeOf(c),
          CallMeasures.of(c),
          c.satisfaction(),
          c.recordingId() != null);
    }

    /** The dead letter exactly as the shared record parser words and masks it. */
    private void refuse(byte[] line) {
      IngestRecord refused =
          RecordParser.droppingCallers()
              .parse(EventKind.CDR, Origin.file(fileName, number), line, receivedAt);
      ctx.output(ASIDE, BatchOutput.deadLetter(range.index(), refused.deadLetter()));
    }
  }
}
