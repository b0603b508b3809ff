package dev.bulwark.bench.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per second of a run (by when requests were due): how many were answered, how many took longer
 * than a threshold, and the slowest. Shows whether a high percentile comes from one stall (a GC
 * pause, a compilation, another process) or from the whole run. Thread-safe.
 */
final class Timeline {
  private final long thresholdMicros;
  private final AtomicLongArray counts;
  private final AtomicLongArray slow;
  private final AtomicLongArray slowest;

  Timeline(int seconds, long thresholdMicros) {
    this.thresholdMicros = thresholdMicros;
    this.counts = new AtomicLongArray(seconds);
    this.slow = new AtomicLongArray(seconds);
    this.slowest = new AtomicLongArray(seconds);
  }

  void record(long dueNanosIntoRun, long latencyMicros) {
    int second = (int) Math.min(counts.length() - 1, Math.max(0, dueNanosIntoRun / 1_000_000_000));
    counts.incrementAndGet(second);
    if (latencyMicros > thresholdMicros) {
      slow.incrementAndGet(second);
    }
    slowest.accumulateAndGet(second, latencyMicros, Math::max);
  }

  /** One line per second that had requests: {@code t=12s answered=500 over5ms=3 max=7.21ms}. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (int second = 0; second < counts.length(); second++) {
      if (counts.get(second) > 0) {
        lines.add(
            String.format(
                Locale.ROOT,
                "t=%ds answered=%d over%dms=%d max=%.2fms",
                second,
                counts.get(second),
                thresholdMicros / 1000,
                slow.get(second),
                slowest.get(second) / 1000.0));
      }
    }
    return lines;
  }
}
