package dev.bulwark.bench.admission;

import java.time.Duration;

/**
 * One run of the load generator.
 *
 * @param rate requests per second, sent at fixed intervals whatever the answers do (open loop)
 * @param duration the measured part of the run, after {@code warmUp}
 * @param warmUp sent first at a rate rising from zero to {@code rate}, not measured (lets both JITs
 *     compile the hot paths and the connections open)
 * @param maxInFlight requests awaiting an answer at most; when reached, sending waits, and the wait
 *     counts in the latency of the requests that are sent late
 * @param timeout a request with no answer after this long has failed
 * @param seed chooses the bodies and the order they are sent in
 */
public record LoadSettings(
    double rate, Duration duration, Duration warmUp, int maxInFlight, Duration timeout, long seed) {
  public LoadSettings {
    if (!(rate > 0) || rate > 1_000_000) {
      throw new IllegalArgumentException("rate must be above 0 and at most 1,000,000 requests/s");
    }
    if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
      throw new IllegalArgumentException("duration must be positive and warm-up not negative");
    }
    if (maxInFlight < 1 || !timeout.isPositive()) {
      throw new IllegalArgumentException("max in flight and timeout must be positive");
    }
  }

  /** Requests sent in the whole run, warm-up included. */
  long requests() {
    return warmUpRequests() + (long) Math.ceil(rate * duration.toNanos() / 1e9);
  }

  /**
   * When request {@code index} is due, in nanoseconds after the start of the run. The warm-up ramps
   * the rate up linearly from zero, so that a cold controller is not met with a backlog of
   * connections to open (each a TLS handshake) before its code is compiled; then requests are due
   * every {@code 1 / rate} seconds.
   */
  long dueNanos(long index) {
    long ramp = warmUpRequests();
    double warmUpSeconds = warmUp.toNanos() / 1e9;
    if (index < ramp) {
      // the rate at t is rate * t / warmUp, so index requests are due by sqrt(2 warmUp index /
      // rate)
      return (long) (Math.sqrt(2 * warmUpSeconds * index / rate) * 1e9);
    }
    return warmUp.toNanos() + (long) ((index - ramp) * 1e9 / rate);
  }

  private long warmUpRequests() {
    return (long) Math.ceil(rate * warmUp.toNanos() / 1e9 / 2);
  }
}
