package dev.bulwark.sensor.reports;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket for writes to the API server: up to {@code burst} at once, then {@code perSecond}
 * on average, like the client-side rate limits of Kubernetes controllers. A sensor starting in a
 * cluster of a thousand namespaces would otherwise server-side-apply a thousand reports back to
 * back, a burst the API server pays for while everything else waits. Not thread-safe (the report
 * thread alone uses it).
 */
final class WritePace {
  /** Sleeps; a test passes one that advances its clock instead. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** The time in nanoseconds, as {@link System#nanoTime}. */
  interface Ticker {
    long nanos();
  }

  private final long interval;
  private final long tolerance;
  private final Ticker ticker;
  private final Sleeper sleeper;

  /** When the next write would be due if writes went exactly at the rate (GCRA). */
  private long theoreticalArrival;

  WritePace(int perSecond, int burst, Ticker ticker, Sleeper sleeper) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("the rate and the burst must be 1 or more");
    }
    this.interval = Duration.ofSeconds(1).toNanos() / perSecond;
    this.tolerance = interval * (burst - 1);
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.theoreticalArrival = ticker.nanos();
  }

  /** {@code perSecond} writes a second, bursts of as many. */
  static WritePace of(int perSecond) {
    return new WritePace(perSecond, perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  /** Returns when the next write may go, waiting as long as the rate asks. */
  void awaitTurn() throws InterruptedException {
    long now = ticker.nanos();
    long due = Math.max(theoreticalArrival, now);
    long allowedAt = due - tolerance;
    if (allowedAt > now) {
      sleeper.sleep(allowedAt - now);
    }
    theoreticalArrival = due + interval;
  }
}
