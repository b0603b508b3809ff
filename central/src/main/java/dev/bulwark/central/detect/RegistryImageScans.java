package dev.bulwark.central.detect;

import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.registry.ImageReference;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.scan.ImageScanner;
import dev.bulwark.scanner.scan.LayerCache;
import dev.bulwark.scanner.scan.ScanProgress;
import dev.bulwark.scanner.vuln.ImageVulnerabilities;
import dev.bulwark.scanner.vuln.LocalDatabase;
import dev.bulwark.vulndb.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Scans registry images with the scanner library on a small pool of daemon threads, reusing the
 * layer cache and matching packages against the vulnerability database when there is one. Only the
 * registries listed as insecure are spoken to over plain HTTP. Thread-safe; close it to stop the
 * pool.
 */
public final class RegistryImageScans implements ImageScans, AutoCloseable {
  /** Forces a registry reference: the image source never reads a local path with it. */
  private static final String REGISTRY_PREFIX = "docker://";

  private final ImageScanner scanner;
  private final Set<String> insecureRegistries;
  private final @Nullable LocalDatabase database;
  private final ExecutorService executor;

  /**
   * @param threads how many images are pulled and scanned at once
   * @param layerCache the layer cache directory
   * @param database the vulnerability database directory, or null
   */
  public RegistryImageScans(
      int threads,
      Path layerCache,
      @Nullable Path database,
      List<String> insecureRegistries,
      Clock clock) {
    this.scanner =
        new ImageScanner(
            Analyzers.all(),
            new LayerReader(ImageOptions.defaults().limits()),
            new LayerCache(layerCache),
            ScanProgress.NONE,
            clock);
    this.insecureRegistries = Set.copyOf(insecureRegistries);
    this.database = database == null ? null : new LocalDatabase(database);
    AtomicInteger count = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "detect-build-scan-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public CompletableFuture<ScannedImage> scan(ImageReference reference, Platform platform) {
    CompletableFuture<ScannedImage> result = new CompletableFuture<>();
    Future<?> task =
        executor.submit(() -> {
          try {
            result.complete(scanNow(reference, platform));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    // Cancelling the answer (a request past its deadline) interrupts the pull.
    result.whenComplete((scanned, error) -> {
      if (result.isCancelled()) {
        task.cancel(true);
      }
    });
    return result;
  }

  private ScannedImage scanNow(ImageReference reference, Platform platform) {
    ImageOptions options =
        ImageOptions.defaults()
            .withPlatform(platform)
            .withInsecure(insecureRegistries.contains(reference.registry()));
    Image image = ImageSource.open(REGISTRY_PREFIX + text(reference), options);
    ImageScan scan = scanner.scan(image);
    LocalDatabase local = database;
    if (local == null) {
      return new ScannedImage(scan, null, null);
    }
    try {
      Optional<ImageVulnerabilities> matched = local.match(scan);
      return matched
          .map(found -> new ScannedImage(scan, found, local.directory()))
          .orElseGet(() -> new ScannedImage(scan, null, null));
    } catch (StoreException e) {
      throw new ImageException(
          "central's vulnerability database cannot be read: " + e.getMessage(), e);
    }
  }

  /** The reference written back out, as the image source parses it. */
  static String text(ImageReference reference) {
    StringBuilder text = new StringBuilder(reference.registry()).append('/');
    text.append(reference.repository());
    if (reference.tag() != null) {
      text.append(':').append(reference.tag());
    }
    if (reference.digest() != null) {
      text.append('@').append(reference.digest());
    }
    return text.toString();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
