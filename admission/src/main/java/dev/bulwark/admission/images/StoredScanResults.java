package dev.bulwark.admission.images;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.results.ScanFreshness;
import dev.bulwark.scanner.results.ScanResult;
import dev.bulwark.scanner.results.ScanResultStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan result cache backed by the scanner's result store ({@code bulwark check --scan-images},
 * {@code --inline-scan}, or any job that runs the scanner writes it): digests are answered from
 * memory, and the store's file is read again once an answer is older than {@code recheckAfter}, so
 * that a result written after start-up (or replaced by a newer scan) is seen without a restart,
 * while an unknown digest costs at most one file lookup per period. The memory holds at most {@code
 * maxEntries} digests, the least recently asked for leaving first. Entries that cannot be read are
 * logged and count as missing. Thread-safe; never touches the network.
 */
public final class StoredScanResults implements ScanResultCache {
  /** Digests kept in memory by default. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** How long an answer (found or not) is trusted before the store is read again, by default. */
  public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(StoredScanResults.class);

  private final ScanResultStore store;
  private final Platform platform;
  private final Supplier<ScanFreshness> freshness;
  private final Clock clock;
  private final Duration recheckAfter;
  private final Map<String, Answer> answers;

  /**
   * A cache over the store.
   *
   * @param platform the platform whose image an index digest stands for
   * @param freshness which stored results are still good, asked on every read of the store
   */
  public StoredScanResults(
      ScanResultStore store,
      Platform platform,
      Supplier<ScanFreshness> freshness,
      Clock clock,
      Duration recheckAfter,
      int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, not " + maxEntries);
    }
    this.store = store;
    this.platform = platform;
    this.freshness = freshness;
    this.clock = clock;
    this.recheckAfter = recheckAfter;
    this.answers =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** What the store said about a digest, and when it was asked. */
  private record Answer(@Nullable ImageData data, Instant asked) {}

  @Override
  public Optional<ImageData> get(String digest) {
    if (!ScanResultStore.isDigest(digest)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Answer known;
    synchronized (answers) {
      known = answers.get(digest);
    }
    if (known != null && now.isBefore(known.asked().plus(recheckAfter))) {
      return Optional.ofNullable(known.data());
    }
    // Read outside the lock: concurrent misses of one digest may both read the file, which is
    // cheaper than making every other digest wait for it.
    ScanFreshness accepted = freshness.get();
    ImageData data =
        store
            .read(digest, platform, note -> LOG.warn("{}", note))
            .filter(accepted::accepts)
            .map(ScanResult::data)
            .orElse(null);
    synchronized (answers) {
      answers.put(digest, new Answer(data, now));
    }
    return Optional.ofNullable(data);
  }
}
