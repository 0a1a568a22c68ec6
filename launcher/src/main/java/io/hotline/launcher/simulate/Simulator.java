package io.hotline.launcher.simulate;

import io.hotline.schemas.ChinaTime;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a simulation: generates every centre-day on a small thread pool, a day ahead of the writer,
 * and writes the events to a sink in emission order. Output depends only on the spec, never on the
 * number of threads.
 */
public final class Simulator {
  private final SimulationSpec spec;
  private final int threads;

  public Simulator(SimulationSpec spec, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
    }
    this.spec = spec;
    this.threads = threads;
  }

  /** Generates all events into {@code sink} (which the caller closes) and returns what it did. */
  public SimulationStats run(EventSink sink) throws IOException {
    long started = System.nanoTime();
    SimulationModel model = SimulationModel.of(spec.seed(), spec.surges(), spec.faults());
    SimulationStats stats = new SimulationStats();
    BufferPool buffers = new BufferPool();
    EmissionOrder order = new EmissionOrder(sink, stats, buffers);
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      LocalDate day = spec.from();
      List<Future<EventBuffer>> next = submitDay(pool, model, day, buffers);
      while (!day.isAfter(spec.to())) {
        List<Future<EventBuffer>> current = next;
        LocalDate following = day.plusDays(1);
        // Generate tomorrow while today is sorted and written.
        next =
            following.isAfter(spec.to()) ? List.of() : submitDay(pool, model, following, buffers);
        order.write(
            collect(current),
            ChinaTime.startOf(day).toEpochMilli(),
            ChinaTime.startOf(following).toEpochMilli());
        day = following;
      }
      order.flush();
    } finally {
      pool.shutdownNow();
    }
    stats.finish(System.nanoTime() - started);
    return stats;
  }

  private List<Future<EventBuffer>> submitDay(
      ExecutorService pool, SimulationModel model, LocalDate day, BufferPool buffers) {
    List<Future<EventBuffer>> futures = new ArrayList<>(spec.centers().size());
    for (Center center : spec.centers()) {
      futures.add(pool.submit(() -> CenterDay.generate(model, center, day, buffers.take(center))));
    }
    return futures;
  }

  private static List<EventBuffer> collect(List<Future<EventBuffer>> futures) throws IOException {
    List<EventBuffer> batches = new ArrayList<>(futures.size());
    try {
      for (Future<EventBuffer> f : futures) {
        batches.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating events", e);
    } catch (ExecutionException e) {
      // Generation throws no checked exceptions: anything here is a bug, rethrown as it was.
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw (RuntimeException) e.getCause();
    }
    return batches;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "simulate-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
