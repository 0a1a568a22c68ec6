package io.hotline.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a job's checkpoint directory while it runs and keeps the size of the largest complete
 * checkpoint: with the heap state backend every checkpoint is a full copy of the job's keyed state
 * (the ids seen for de-duplication, open minutes, calls waiting for recordings, alert tallies), so
 * this is the state's size on disk. A checkpoint is complete once its {@code _metadata} is written;
 * Flink deletes the checkpoints of a job that finishes, so they are measured while it runs.
 */
final class CheckpointWatch implements AutoCloseable {
  private static final long EVERY_SECONDS = 2;

  private final Path dir;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "checkpoint-watch");
            t.setDaemon(true);
            return t;
          });
  private volatile long largestBytes;
  private volatile int checkpoints;

  private CheckpointWatch(Path dir) {
    this.dir = dir;
  }

  static CheckpointWatch of(Path dir) {
    CheckpointWatch w = new CheckpointWatch(dir);
    w.timer.scheduleWithFixedDelay(w::look, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    return w;
  }

  long largestBytes() {
    return largestBytes;
  }

  /** Complete checkpoints seen (a checkpoint taken and subsumed between two looks is missed). */
  int checkpoints() {
    return checkpoints;
  }

  private void look() {
    try (Stream<Path> metadata = Files.find(dir, 3, (p, a) -> p.endsWith("_metadata"))) {
      for (Path m : metadata.toList()) {
        largestBytes = Math.max(largestBytes, sizeOf(m.getParent()));
        checkpoints = Math.max(checkpoints, number(m.getParent()));
      }
    } catch (IOException | UncheckedIOException e) {
      // A checkpoint subsumed while it was being measured: the next look sees the newer one.
    }
  }

  private static int number(Path chk) {
    String name = chk.getFileName().toString();
    return name.startsWith("chk-") ? Integer.parseInt(name.substring(4)) : 0;
  }

  private static long sizeOf(Path chk) throws IOException {
    try (Stream<Path> files = Files.walk(chk)) {
      return files.filter(Files::isRegularFile).mapToLong(CheckpointWatch::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // deleted as it was measured
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
