package dev.bulwark.central.notifiers;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential backoff from {@code first}, doubling up to
 * {@code cap}, each delay spread by ±20 % (so deliveries that failed together do not retry
 * together), and no more than {@code maxAttempts} attempts.
 *
 * @param random numbers in [0, 1) for the jitter
 */
public record RetryPolicy(int maxAttempts, Duration first, Duration cap, DoubleSupplier random) {
  /** 10 attempts; 30 s, 1, 2, 4, 8, 16, 32 min, then 1 h: about 3 hours in all. */
  public static RetryPolicy standard() {
    return new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofHours(1), Math::random);
  }

  public RetryPolicy {
    if (maxAttempts < 1 || first.isNegative() || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("a retry policy needs 1+ attempts and first <= cap");
    }
  }

  /** Whether another attempt follows the {@code attempts}-th failed one. */
  public boolean retries(int attempts) {
    return attempts < maxAttempts;
  }

  /** The pause after the {@code attempts}-th failed attempt (1 for the first). */
  public Duration delay(int attempts) {
    long base = first.toMillis() << Math.min(attempts - 1, 30);
    long capped = Math.min(base < 0 ? Long.MAX_VALUE : base, cap.toMillis());
    double jitter = 0.8 + 0.4 * random.getAsDouble();
    return Duration.ofMillis((long) (capped * jitter));
  }
}
