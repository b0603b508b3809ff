package dev.bulwark.central.inventory;

import dev.bulwark.central.images.ImageScanStore;
import dev.bulwark.central.jobs.SingletonJob;
import dev.bulwark.scanner.results.ImageScanOutcome;
import dev.bulwark.scanner.results.ScanFreshness;
import dev.bulwark.scanner.results.ScanResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the inventory's images and evaluates again the deployments using an image whose scan
 * landed, so that image criteria and the image risk factors follow what runs.
 *
 * <p>Scans take minutes and the singleton jobs share one thread, so a run only claims due images in
 * the database (a lease as long as the scan deadline, so no other replica starts them) and starts
 * their scans; each scan's result is recorded, and its deployments evaluated, when it ends, one
 * result at a time. At most {@code concurrency} scans run at once. An image is scanned again every
 * {@code rescanInterval} (a tag may point elsewhere now, and the database learns of new
 * vulnerabilities), at once when the analyzers or the vulnerability database change, and after a
 * failure with a backoff from one minute doubling to six hours. Close it to stop.
 */
public final class ImageScanning implements SingletonJob, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImageScanning.class);

  /** The interval between runs: how soon a new image's scan starts. */
  static final Duration INTERVAL = Duration.ofSeconds(5);

  /** How long the scans of images no deployment uses are kept, for images that come back. */
  static final Duration KEEP_UNUSED = Duration.ofDays(7);

  private final ImageScanStore store;
  private final Inventory inventory;
  private final Function<String, CompletableFuture<ImageScanOutcome>> scanner;
  private final @Nullable Path database;
  private final int concurrency;
  private final Duration deadline;
  private final Duration rescanInterval;
  private final Clock clock;
  private final AtomicInteger running = new AtomicInteger();
  private final ExecutorService results;

  /**
   * @param scanner scans a registry reference; its futures never fail (a failed scan is an outcome)
   * @param database the vulnerability database directory, or null: its import time is part of a
   *     result's freshness
   */
  public ImageScanning(
      ImageScanStore store,
      Inventory inventory,
      Function<String, CompletableFuture<ImageScanOutcome>> scanner,
      @Nullable Path database,
      int concurrency,
      Duration deadline,
      Duration rescanInterval,
      Clock clock) {
    this.store = store;
    this.inventory = inventory;
    this.scanner = scanner;
    this.database = database;
    this.concurrency = concurrency;
    this.deadline = deadline;
    this.rescanInterval = rescanInterval;
    this.clock = clock;
    this.results =
        Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, "image-scan-results");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public String name() {
    return "inventory-image-scanning";
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  @Override
  public void run() {
    int free = concurrency - running.get();
    if (free > 0) {
      String freshness = freshness(database);
      for (ImageScanStore.DueImage image : store.claim(now(), freshness, free, deadline)) {
        start(image, freshness);
      }
    }
    store.pruneUnused(now().minus(KEEP_UNUSED));
  }

  /** How many scans this replica runs now. */
  int running() {
    return running.get();
  }

  private void start(ImageScanStore.DueImage image, String freshness) {
    running.incrementAndGet();
    scanner
        .apply(image.reference())
        .orTimeout(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .whenCompleteAsync(
            (outcome, error) -> {
              try {
                record(image, outcome, error, freshness);
              } catch (RuntimeException e) {
                // The lease expires and the image is claimed again.
                LOG.warn(
                    "the scan of {} could not be recorded: {}", image.reference(), e.toString());
              } finally {
                running.decrementAndGet();
              }
            },
            results);
  }

  private void record(
      ImageScanStore.DueImage image,
      @Nullable ImageScanOutcome outcome,
      @Nullable Throwable error,
      String freshness) {
    Instant now = now();
    ScanResult result = outcome == null ? null : outcome.result();
    if (result == null) {
      String problem =
          error instanceof TimeoutException
              ? "the scan took longer than " + deadline.toSeconds() + " s"
              : outcome != null
                  ? Objects.requireNonNullElse(outcome.problem(), "the image cannot be scanned")
                  : String.valueOf(error);
      int failures = store.recordFailure(image, problem, now);
      LOG.info(
          "image {} could not be scanned ({} failures): {}", image.reference(), failures, problem);
      return;
    }
    store.recordScan(image, result, freshness, now, now.plus(rescanInterval));
    int evaluated = inventory.reevaluateImages(List.of(image.key()));
    LOG.debug("image {} scanned; {} deployments evaluated again", image.reference(), evaluated);
  }

  /**
   * What makes a result current: the analyzer versions and when the database was imported. A result
   * made with other ones is scanned again.
   */
  static String freshness(@Nullable Path database) {
    ScanFreshness current = ScanFreshness.current(database);
    return current.analyzers() + " database " + current.database();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Stops recording results; scans in flight are abandoned (their leases expire). */
  @Override
  public void close() {
    results.shutdownNow();
  }
}
