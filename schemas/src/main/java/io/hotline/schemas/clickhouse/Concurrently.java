package io.hotline.schemas.clickhouse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs ClickHouse work a few pieces at a time. A FINAL read of one partition runs on a single
 * server thread, so statements over different months or weeks side by side keep the cores busy.
 */
final class Concurrently {
  /** One piece of work that talks to ClickHouse. */
  interface Work {
    void run() throws IOException;
  }

  private Concurrently() {}

  /**
   * Runs every piece, {@code threads} at a time, and waits for all; the first failure is rethrown
   * as an IOException (the others are cancelled).
   */
  static void run(List<Work> pieces, int threads, String what) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Work w : pieces) {
        done.add(
            pool.submit(
                () -> {
                  w.run();
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? io
          : new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
