package io.hotline.launcher.bench;

import io.hotline.schemas.events.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The physical floor of ingest: split a CDR file into lines and parse each with {@link
 * EventParser}, nothing else, on {@code threads} threads each reading its own byte range.
 */
final class ParseOnly {
  private ParseOnly() {}

  /** Parses every line; returns {valid, refused}. */
  static long[] run(Path file, int threads) throws Exception {
    long size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      size = ch.size();
    }
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

  /** Parses the lines that start in [from, to). */
  private static long[] parseRange(Path file, long from, long to) throws IOException {
    EventParser parser = EventParser.standard();
    long[] counts = new long[2];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      // Start one byte early and skip to the next line start: a line that begins before `from`
      // belongs to the previous range, one that begins exactly at `from` to this one.
      long start = from == 0 ? 0 : from - 1;
      ch.position(start);
      InputStream in = Channels.newInputStream(ch);
      byte[] buf = new byte[1 << 20];
      byte[] line = new byte[4096];
      int len = 0;
      long pos = start; // file offset of buf[0] after each read
      boolean skipping = from > 0;
      long lineStart = from == 0 ? 0 : -1;
      int n;
      outer:
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b != '\n') {
            if (!skipping) {
              if (len == line.length) {
                line = Arrays.copyOf(line, len * 2);
              }
              line[len++] = b;
            }
            continue;
          }
          if (!skipping && len > 0) {
            counts[parser.parseCdr(Arrays.copyOf(line, len)).isValid() ? 0 : 1]++;
          }
          skipping = false;
          len = 0;
          lineStart = pos + i + 1;
          if (lineStart >= to) {
            break outer;
          }
        }
        pos += n;
      }
      if (len > 0 && lineStart >= 0 && lineStart < to) {
        counts[parser.parseCdr(Arrays.copyOf(line, len)).isValid() ? 0 : 1]++;
      }
    }
    return counts;
  }
}
