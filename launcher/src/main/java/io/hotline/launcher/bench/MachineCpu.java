package io.hotline.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU time of the whole machine, from Linux's {@code /proc/stat}: every process, so a stage
 * shows what the local ClickHouse and Kafka spent beside the bench's own JVM (the streaming job and
 * the ClickHouse-only peer do much of their work there), and whether something else was running
 * during a file stage.
 */
final class MachineCpu {
  private static final Path STAT = Path.of("/proc/stat");

  /** Busy and total time of all cores in clock ticks, and the number of cores; null off Linux. */
  record Sample(long busy, long total, int cores) {

    /** Cores kept busy on average since {@code before}: up to 2.0 on two cores. */
    double busyCoresSince(Sample before) {
      long total = this.total - before.total;
      return total <= 0 ? Double.NaN : cores * (double) (busy - before.busy) / total;
    }
  }

  private MachineCpu() {}

  /** Now, or null where {@code /proc/stat} cannot be read. */
  static Sample sample() {
    try {
      return parse(Files.readAllLines(STAT));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * From the lines of {@code /proc/stat}: the first, {@code cpu user nice system idle iowait irq
   * softirq steal …}, sums all cores; one {@code cpuN} line follows per core. Idle and I/O wait are
   * not busy; guest time is already counted in user time.
   */
  static Sample parse(List<String> lines) {
    String[] f = lines.get(0).trim().split("\\s+");
    if (!f[0].equals("cpu") || f.length < 9) {
      throw new IllegalArgumentException("not a /proc/stat line: " + lines.get(0));
    }
    long busy = 0;
    long total = 0;
    for (int i = 1; i <= 8; i++) {
      long v = Long.parseLong(f[i]);
      total += v;
      if (i != 4 && i != 5) {
        busy += v;
      }
    }
    int cores = (int) lines.stream().filter(l -> l.matches("cpu\\d+\\s.*")).count();
    return new Sample(busy, total, cores);
  }
}
