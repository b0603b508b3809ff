package dev.bulwark.admission.images;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.workload.ImageRef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Image data for the admission controller: the digest-keyed cache first; for an image it does not
 * know, the inline scanner if there is one, waited for at most {@code deadline}. A tag-only
 * reference is never looked up by tag. Counts what it could not answer, for the metrics.
 * Thread-safe.
 */
public final class AdmissionImageData implements ImageDataProvider {
  private final ScanResultCache cache;
  private final @Nullable InlineScanner scanner;
  private final Duration deadline;
  private final ExecutorService executor;
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder scanned = new LongAdder();
  private final LongAdder missing = new LongAdder();
  private final LongAdder timedOut = new LongAdder();

  public AdmissionImageData(
      ScanResultCache cache,
      @Nullable InlineScanner scanner,
      Duration deadline,
      ExecutorService executor) {
    this.cache = cache;
    this.scanner = scanner;
    this.deadline = deadline;
    this.executor = executor;
  }

  /** No cache and no scanner: every image policy lacks data. */
  public static AdmissionImageData none() {
    return new AdmissionImageData(ScanResultCache.EMPTY, null, Duration.ZERO, directExecutor());
  }

  @Override
  public Optional<ImageData> lookup(ImageRef image) {
    String digest = image.digest();
    if (digest != null) {
      Optional<ImageData> cached = cache.get(digest);
      if (cached.isPresent()) {
        cacheHits.increment();
        return cached;
      }
    }
    InlineScanner inline = scanner;
    if (inline == null) {
      missing.increment();
      return Optional.empty();
    }
    CompletableFuture<Optional<ImageData>> scan =
        CompletableFuture.supplyAsync(() -> scanQuietly(inline, image), executor);
    try {
      Optional<ImageData> result = scan.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      (result.isPresent() ? scanned : missing).increment();
      return result;
    } catch (TimeoutException e) {
      scan.cancel(true);
      timedOut.increment();
      return Optional.empty();
    } catch (ExecutionException e) {
      missing.increment();
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      missing.increment();
      return Optional.empty();
    }
  }

  /** Lookups answered from the cache, by a scan, not at all, and abandoned at the deadline. */
  public record Counts(long cacheHits, long scanned, long missing, long timedOut) {}

  public Counts counts() {
    return new Counts(cacheHits.sum(), scanned.sum(), missing.sum(), timedOut.sum());
  }

  private static Optional<ImageData> scanQuietly(InlineScanner scanner, ImageRef image) {
    try {
      return scanner.scan(image);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static ExecutorService directExecutor() {
    return java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
  }
}
