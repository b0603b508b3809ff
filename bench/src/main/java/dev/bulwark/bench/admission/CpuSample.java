package dev.bulwark.bench.admission;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * CPU time used so far by the controller (when it is a process of its own), by this JVM and by the
 * whole machine (Linux {@code /proc/stat}), at one instant; two samples give CPU use in between.
 */
record CpuSample(
    long wallNanos, Optional<Duration> server, long clientNanos, OptionalLong machineNanos) {
  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** {@code USER_HZ}, the unit of {@code /proc/stat}, is 100 on every Linux architecture. */
  private static final long NANOS_PER_TICK = 10_000_000;

  static CpuSample take(Controller controller) {
    long client =
        ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
            .getProcessCpuTime();
    return new CpuSample(System.nanoTime(), controller.cpuTime(), client, machineBusy());
  }

  OptionalDouble serverPercent(CpuSample later) {
    if (server.isEmpty() || later.server.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(percent(later.server.get().toNanos() - server.get().toNanos(), later));
  }

  double clientPercent(CpuSample later) {
    return percent(later.clientNanos - clientNanos, later);
  }

  OptionalDouble machinePercent(CpuSample later) {
    if (machineNanos.isEmpty() || later.machineNanos.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        percent(later.machineNanos.getAsLong() - machineNanos.getAsLong(), later));
  }

  private double percent(long cpuNanos, CpuSample later) {
    return 100.0 * cpuNanos / Math.max(1, later.wallNanos - wallNanos);
  }

  /**
   * A counter whose differences are the time all CPUs were busy: elapsed time per CPU minus idle,
   * I/O wait and stolen time from /proc/stat. Not the sum of the user and system times there, which
   * are sampled at each tick and miss much of a server's short bursts of work.
   */
  private static OptionalLong machineBusy() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      String[] fields = lines.getFirst().trim().split("\\s+");
      long cpus = lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
      if (!fields[0].equals("cpu") || fields.length < 9 || cpus == 0) {
        return OptionalLong.empty();
      }
      long notBusy =
          Long.parseLong(fields[4]) + Long.parseLong(fields[5]) + Long.parseLong(fields[8]);
      return OptionalLong.of(cpus * System.nanoTime() - notBusy * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
