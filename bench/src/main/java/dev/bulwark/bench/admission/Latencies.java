package dev.bulwark.bench.admission;

import org.HdrHistogram.Histogram;

/** Latency percentiles of a run, in microseconds, from the scheduled send time to the answer. */
public record Latencies(long p50, long p90, long p99, long p999, long max, long count) {
  static Latencies of(Histogram histogram) {
    return new Latencies(
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9),
        histogram.getMaxValue(),
        histogram.getTotalCount());
  }
}
