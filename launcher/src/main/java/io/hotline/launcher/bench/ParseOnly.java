package io.hotline.launcher.bench;

import io.hotline.jobs.functions.RangeLines;
import io.hotline.schemas.events.EventParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The physical floor of ingest: split a CDR file into lines and parse each with {@link
 * EventParser}, nothing else, on {@code threads} threads each reading its own byte range in place
 * with the batch twin's own reader ({@link RangeLines}), so that the floor is as fast as the twin's
 * reading and parsing can be.
 */
final class ParseOnly {
  private ParseOnly() {}

  /** Parses every line; returns {valid, refused}. */
  static long[] run(Path file, int threads) throws Exception {
    long size = Files.size(file);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        long from = size * i / threads;
        long to = size * (i + 1) / threads;
        parts.add(pool.submit(() -> parseRange(file, from, to)));
      }
      long[] total = new long[2];
      for (Future<long[]> f : parts) {
        long[] r = f.get();
        total[0] += r[0];
        total[1] += r[1];
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Parses the lines that start in [from, to), read in place as the batch twin reads them. */
  private static long[] parseRange(Path file, long from, long to) throws IOException {
    EventParser parser = EventParser.standard();
    long[] counts = new long[2];
    RangeLines.read(
        file,
        from,
        to,
        new RangeLines.Sink() {
          @Override
          public void line(byte[] buf, int start, int end) {
            if (end > start) {
              counts[parser.parseCdr(buf, start, end - start).isValid() ? 0 : 1]++;
            }
          }

          @Override
          public void overLong(byte[] head, long length) {
            counts[1]++;
          }
        });
    return counts;
  }
}
