package io.hotline.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotline.jobs.records.BatchOutput;
import io.hotline.jobs.records.DeadLetter;
import io.hotline.jobs.records.FileRange;
import io.hotline.jobs.records.PackedCalls;
import io.hotline.schemas.testing.EventJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCdrRangeTest {
  private static final String VALID = EventJson.answeredCall().json();

  @TempDir Path dir;

  @Test
  void findsEachNewlineWhereverItIsInAWord() {
    for (int length = 0; length < 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] b = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
        b[at] = '\n';
        for (int from = 0; from <= at; from++) {
          assertThat(RangeLines.newline(b, from, length)).isEqualTo(at);
        }
        assertThat(RangeLines.newline(b, at + 1, length)).isEqualTo(-1);
        assertThat(RangeLines.newline(b, 0, at)).isEqualTo(-1);
      }
    }
    byte[] high = {(byte) 0x8a, (byte) 0xff, 0x0b, 0x09, 0x0a, 0, 0, 0, 0, 0};
    assertThat(RangeLines.newline(high, 0, high.length)).isEqualTo(4);
  }

  /**
   * 300 MB without a newline (a corrupt upload): far more than the reader may hold. It keeps only
   * the line's beginning, refuses it with its real size and line number, and reads on.
   */
  @Test
  void aHugeLineIsRefusedWithItsRealSize_withoutHoldingIt_andTheLinesAroundItAreCounted()
      throws IOException {
    long huge = 300L * 1024 * 1024;
    Path file = dir.resolve("cdr.jsonl");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, WRITE)) {
      write(ch, 0, VALID + "\r\n");
      long at = VALID.length() + 2;
      write(ch, at, "x".repeat(100_000)); // the rest of the line is a hole: zero bytes on disk
      write(ch, at + huge, "\n\n" + VALID + "\n");
    }
    long size = Files.size(file);

    long allocatedBefore = allocatedBytes();
    Run whole = run(new FileRange(file.toString(), 0, 0, size));
    long allocated = allocatedBytes() - allocatedBefore;

    assertThat(allocated).as("bytes allocated reading the file").isLessThan(32L * 1024 * 1024);
    assertThat(whole.calls).isEqualTo(2);
    assertThat(whole.lines).isEqualTo(4); // the blank line is counted, not refused
    assertThat(whole.deadLetters).hasSize(1);
    DeadLetter d = whole.deadLetters.get(0);
    assertThat(d.origin().offset()).isEqualTo(2);
    assertThat(d.reason())
        .isEqualTo("(record) = (missing): is 314572800 bytes, over the limit of 65536 bytes");
    assertThat(d.rawMasked()).startsWith("xxxx").endsWith("…(cut, 314572800 bytes)");

    // Two readers, the huge line across the middle: it belongs to the first, which reads past its
    // end to finish it; the second starts after it. Line numbers stay the same file-wide.
    Run first = run(new FileRange(file.toString(), 0, 0, size / 2));
    Run second = run(new FileRange(file.toString(), 1, size / 2, size));
    assertThat(first.calls + second.calls).isEqualTo(2);
    assertThat(first.lines).isEqualTo(2);
    assertThat(second.lines).isEqualTo(2);
    assertThat(first.deadLetters).extracting(DeadLetter::reason).isEqualTo(whole.reasons());
    assertThat(second.deadLetters).isEmpty();
  }

  /** Lines around the buffer's size are refused with the same reason, kept whole or not. */
  @Test
  void overLongLinesOfEverySizeAroundTheBufferGiveTheirRealSize() throws IOException {
    int[] sizes = {
      70_000,
      RangeLines.BUFFER_BYTES - 2,
      RangeLines.BUFFER_BYTES - 1,
      RangeLines.BUFFER_BYTES,
      RangeLines.BUFFER_BYTES + 1,
      3 * RangeLines.BUFFER_BYTES + 5
    };
    StringBuilder text = new StringBuilder(VALID).append('\n');
    List<String> expected = new ArrayList<>();
    for (int n : sizes) {
      text.append("y".repeat(n)).append("\r\n").append(VALID).append('\n');
      expected.add("(record) = (missing): is " + n + " bytes, over the limit of 65536 bytes");
    }
    text.append("z".repeat(RangeLines.BUFFER_BYTES + 3)); // the last line, without '\n'
    expected.add(
        "(record) = (missing): is "
            + (RangeLines.BUFFER_BYTES + 3)
            + " bytes, over the limit of 65536 bytes");
    Path file = dir.resolve("long-lines.jsonl");
    Files.writeString(file, text);

    Run r = run(new FileRange(file.toString(), 0, 0, Files.size(file)));

    assertThat(r.calls).isEqualTo(1 + sizes.length);
    assertThat(r.lines).isEqualTo(2 + 2L * sizes.length);
    assertThat(r.reasons()).isEqualTo(expected);
    assertThat(r.deadLetters)
        .extracting(d -> d.origin().offset())
        .containsExactly(2L, 4L, 6L, 8L, 10L, 12L, 14L);
  }

  /** Calls go in full batches, one per counting task, and the rest at the end of the range. */
  @Test
  void callsAreSentInFullBatchesPerCountingTask_theRestAtTheEnd() throws IOException {
    int calls = 5 * PackedCalls.CAPACITY + 17;
    Path file = dir.resolve("many.jsonl");
    Files.write(file, io.hotline.jobs.testing.CallFactory.calls(calls, 3));

    Run r = run(new FileRange(file.toString(), 0, 0, Files.size(file)));

    assertThat(r.calls).isEqualTo(calls);
    assertThat(r.lines).isEqualTo(calls);
    // Per task, every batch but the last is full, and the last is sent at the end.
    for (List<Integer> sizes : r.batchSizesByTask.values()) {
      assertThat(sizes.subList(0, sizes.size() - 1)).containsOnly(PackedCalls.CAPACITY);
      assertThat(sizes.get(sizes.size() - 1)).isBetween(1, PackedCalls.CAPACITY);
    }
    assertThat(r.batchSizesByTask).containsOnlyKeys(0, 1, 2);
  }

  private static final StandardOpenOption WRITE = StandardOpenOption.WRITE;

  private static void write(FileChannel ch, long at, String text) throws IOException {
    ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), at);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** What one range gave: valid calls, dead letters in order, and its line count. */
  private static final class Run {
    long calls;
    long lines = -1;
    final java.util.Map<Integer, List<Integer>> batchSizesByTask = new java.util.TreeMap<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    List<String> reasons() {
      return deadLetters.stream().map(DeadLetter::reason).toList();
    }
  }

  private static Run run(FileRange range) throws IOException {
    ParseCdrRange parse =
        new ParseCdrRange(
            "cdr.jsonl",
            new Grouping(Grouping.Period.DAY, Grouping.Level.CENTER),
            Instant.EPOCH,
            3);
    Run run = new Run();
    Collector<PackedCalls> calls =
        new Collector<>() {
          @Override
          public void collect(PackedCalls batch) {
            run.calls += batch.size();
            run.batchSizesByTask
                .computeIfAbsent(batch.task(), t -> new ArrayList<>())
                .add(batch.size());
            for (int i = 0; i < batch.size(); i++) {
              assertThat(ParseCdrRange.countingTaskOf(batch.idHigh(i), 3)).isEqualTo(batch.task());
            }
          }

          @Override
          public void close() {}
        };
    ParseCdrRange.Context ctx =
        parse.new Context() {
          @Override
          public Long timestamp() {
            return null;
          }

          @Override
          public TimerService timerService() {
            throw new UnsupportedOperationException();
          }

          @Override
          public <X> void output(OutputTag<X> tag, X value) {
            BatchOutput o = (BatchOutput) value;
            assertThat(o.range()).isEqualTo(range.index());
            switch (o.kind()) {
              case DEAD_LETTER -> run.deadLetters.add(o.deadLetter());
              case LINES -> run.lines = o.count();
              default -> throw new AssertionError(o);
            }
          }
        };
    parse.processElement(range, ctx, calls);
    return run;
  }
}
