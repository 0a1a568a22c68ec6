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
import java.nio.file.Path;
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
 * <p>Lines are cut as {@link RangeLines} does; a '\r' before '\n' is dropped and blank lines are
 * skipped but counted, as a line-by-line reader of the whole file would.
 */
public final class ParseCdrRange extends ProcessFunction<FileRange, PackedCall> {
  private static final long serialVersionUID = 1L;

  /** Dead letters and line counts of the ranges. */
  public static final OutputTag<BatchOutput> ASIDE = new OutputTag<>("dead-letters-and-lines") {};

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
    RangeLines.read(Path.of(range.path()), range.from(), range.to(), lines);
    ctx.output(ASIDE, BatchOutput.lines(range.index(), lines.number));
  }

  /** Parses the lines of one range in order, numbering them from 1. */
  private final class Lines implements RangeLines.Sink {
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

    @Override
    public void line(byte[] buf, int start, int end) {
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

    @Override
    public void overLong(byte[] head, long length) {
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
