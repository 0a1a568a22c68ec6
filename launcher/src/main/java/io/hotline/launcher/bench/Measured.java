package io.hotline.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * One benchmark stage's figures: records, wall time, CPU time of this process (all threads, so up
 * to 2 s per second on 2 cores), the cores the whole machine kept busy on average (this process,
 * the local ClickHouse and Kafka, anything else; NaN off Linux) and the peak heap while it ran.
 */
record Measured(
    String stage,
    long records,
    double seconds,
    double cpuSeconds,
    double machineBusyCores,
    long peakHeapBytes) {

  /** Runs a stage and measures it; the stage returns how many records it handled. */
  static Measured of(String stage, Stage body) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long cpu0 = processCpuNanos();
    MachineCpu.Sample machine0 = MachineCpu.sample();
    long t0 = System.nanoTime();
    long records = body.run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpuNanos() - cpu0) / 1e9;
    MachineCpu.Sample machine1 = MachineCpu.sample();
    double machine =
        machine0 == null || machine1 == null ? Double.NaN : machine1.busyCoresSince(machine0);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Measured(stage, records, seconds, cpu, machine, peak);
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
        "| %-48s | %,12d | %8.1f | %,12.0f | %6.0f%% | %7s | %,8d |",
        stage,
        records,
        seconds,
        perSecond(),
        100 * cpuSeconds / seconds,
        Double.isNaN(machineBusyCores)
            ? "-"
            : String.format(Locale.ROOT, "%.0f%%", 100 * machineBusyCores),
        peakHeapBytes >> 20);
  }

  /** The table's head: CPU is this process's, machine that of every process on the machine. */
  static String header() {
    return "| stage                                            |      records |   wall s |    records/s |    CPU | machine | heap MiB |\n"
        + "|--------------------------------------------------|--------------|----------|--------------|--------|---------|----------|";
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
