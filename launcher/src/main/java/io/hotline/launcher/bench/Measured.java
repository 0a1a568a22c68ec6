package io.hotline.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * One benchmark stage's figures: records, wall time, CPU time of this process (all threads, so up
 * to 2 s per second on 2 cores) and the peak heap while it ran.
 */
record Measured(String stage, long records, double seconds, double cpuSeconds, long peakHeapBytes) {

  /** Runs a stage and measures it; the stage returns how many records it handled. */
  static Measured of(String stage, Stage body) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    long records = body.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Measured(stage, records, seconds, cpu, peak);
  }

  /** A benchmark stage. */
  interface Stage {
    long run() throws Exception;
  }

  double perSecond() {
    return records / seconds;
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "| %-48s | %,12d | %8.1f | %,12.0f | %6.0f%% | %,8d |",
        stage,
        records,
        seconds,
        perSecond(),
        100 * cpuSeconds / seconds,
        peakHeapBytes >> 20);
  }

  static String header() {
    return "| stage                                            |      records |   wall s |    records/s |    CPU | heap MiB |\n"
        + "|--------------------------------------------------|--------------|----------|--------------|--------|----------|";
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
