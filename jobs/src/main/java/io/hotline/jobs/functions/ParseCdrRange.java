package io.hotline.jobs.functions;

import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.FileRange;
import io.hotline.jobs.records.IngestRecord;
import io.hotline.jobs.records.Origin;
import io.hotline.jobs.records.PackedCalls;
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
 * parses and validates each in place with the shared {@link EventParser}, and emits the valid calls
 * in {@link PackedCalls} batches, one being filled per counting task (the task that sees every copy
 * of a call's id: its fingerprint decides). Refused lines go aside as dead letters with their line
 * number within the range, and the range's line count follows them, so the client can number them
 * file-wide. Reading, parsing and packing in one function keeps per-line objects out of Flink's
 * network stack: only batches of 48-byte packed calls are shuffled.
 *
 * <p>Lines are cut as {@link RangeLines} does; a '\r' before '\n' is dropped and blank lines are
 * skipped but counted, as a line-by-line reader of the whole file would.
 */
public final class ParseCdrRange extends ProcessFunction<FileRange, PackedCalls> {
  private static final long serialVersionUID = 1L;

  /** Dead letters and line counts of the ranges. */
  public static final OutputTag<BatchOutput> ASIDE = new OutputTag<>("dead-letters-and-lines") {};

  private final String fileName;
  private final Grouping grouping;
  private final Instant receivedAt;
  private final int countingTasks;

  public ParseCdrRange(String fileName, Grouping grouping, Instant receivedAt, int countingTasks) {
    this.fileName = fileName;
    this.grouping = grouping;
    this.receivedAt = receivedAt;
    this.countingTasks = countingTasks;
  }

  /** The counting task that sees every copy of an id, from its fingerprint's high half. */
  public static int countingTaskOf(long idHigh, int countingTasks) {
    return (int) Math.floorMod(idHigh, (long) countingTasks);
  }

  @Override
  public void processElement(FileRange range, Context ctx, Collector<PackedCalls> out)
      throws IOException {
    Lines lines = new Lines(range, ctx, out);
    RangeLines.read(Path.of(range.path()), range.from(), range.to(), lines);
    lines.sendAll();
    ctx.output(ASIDE, BatchOutput.lines(range.index(), lines.number));
  }

  /** Parses the lines of one range in order, numbering them from 1. */
  private final class Lines implements RangeLines.Sink {
    private final FileRange range;
    private final Context ctx;
    private final Collector<PackedCalls> out;
    private final EventParser parser = EventParser.standard();
    private final PackedCalls[] batches = new PackedCalls[countingTasks];
    private long number;

    Lines(FileRange range, Context ctx, Collector<PackedCalls> out) {
      this.range = range;
      this.ctx = ctx;
      this.out = out;
      for (int task = 0; task < countingTasks; task++) {
        batches[task] = new PackedCalls(task);
      }
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
        pack(r.event());
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

    /** Adds a call to its counting task's batch, and sends the batch when it is full. */
    private void pack(Cdr c) {
      long[] id = Fingerprint128.of(c.callId());
      PackedCalls batch = batches[countingTaskOf(id[0], countingTasks)];
      batch.add(
          id[0],
          id[1],
          grouping.codeOf(c),
          CallMeasures.of(c),
          c.satisfaction(),
          c.recordingId() != null);
      if (batch.isFull()) {
        send(batch);
      }
    }

    /** Sends the batches not yet full, at the end of the range. */
    void sendAll() {
      for (PackedCalls batch : batches) {
        if (batch.size() > 0) {
          send(batch);
        }
      }
    }

    // Refilled once sent: the shuffle to the counting tasks serialises a record as it is collected.
    private void send(PackedCalls batch) {
      out.collect(batch);
      batch.clear();
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
