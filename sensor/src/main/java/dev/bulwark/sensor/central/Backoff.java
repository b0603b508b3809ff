package dev.bulwark.sensor.central;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts to reach central: doubling from {@code first} up to {@code cap}, each
 * drawn between half and all of that (so many sensors do not call central in step). Not
 * thread-safe; each retrying loop has its own.
 */
final class Backoff {
  private final Duration first;
  private final Duration cap;
  private int failures;

  Backoff(Duration first, Duration cap) {
    this.first = first;
    this.cap = cap;
  }

  /** The delay before the next attempt after one more failure. */
  Duration next() {
    long ceiling = first.toMillis() << Math.min(failures, 20);
    failures++;
    long bound = Math.max(1, Math.min(ceiling, cap.toMillis()));
    return Duration.ofMillis(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
  }

  void reset() {
    failures = 0;
  }
}
