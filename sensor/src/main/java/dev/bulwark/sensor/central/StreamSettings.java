package dev.bulwark.sensor.central;

import java.time.Duration;

/**
 * How the sensor streams to central.
 *
 * @param coalesce how long changes gather before they are written as a batch
 * @param flushAt this many gathered changes are written at once, without waiting
 * @param maxBatch the most changes in one batch (central takes at most 5,000)
 * @param firstRetry the delay before the first retry after central failed
 * @param maxRetry the longest delay between retries
 * @param maxJournalBytes the most the journal on disk may hold before it is dropped for a resync
 */
public record StreamSettings(
    Duration coalesce,
    int flushAt,
    int maxBatch,
    Duration firstRetry,
    Duration maxRetry,
    long maxJournalBytes) {
  /** The largest batch central takes. */
  public static final int CENTRAL_MAX_BATCH = 5_000;

  public static final long DEFAULT_MAX_JOURNAL_BYTES = 256L << 20;

  public StreamSettings {
    if (maxBatch < 1 || maxBatch > CENTRAL_MAX_BATCH) {
      throw new IllegalArgumentException(
          "a batch holds 1 to " + CENTRAL_MAX_BATCH + " changes, not " + maxBatch);
    }
    if (flushAt < 1 || maxJournalBytes < 1) {
      throw new IllegalArgumentException("flushAt and maxJournalBytes must be positive");
    }
  }

  /** 200 ms or 1,000 changes per batch, retries from 1 s to 60 s, a 256 MiB journal. */
  public static StreamSettings defaults() {
    return new StreamSettings(
        Duration.ofMillis(200),
        1_000,
        CENTRAL_MAX_BATCH,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        DEFAULT_MAX_JOURNAL_BYTES);
  }

  public StreamSettings withJournalBytes(long bytes) {
    return new StreamSettings(coalesce, flushAt, maxBatch, firstRetry, maxRetry, bytes);
  }

  public StreamSettings withRetries(Duration first, Duration max) {
    return new StreamSettings(coalesce, flushAt, maxBatch, first, max, maxJournalBytes);
  }
}
