package dev.bulwark.scanner.results;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
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
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Image data by reference, scanning each distinct image once. A reference is first resolved to its
 * manifest digest by opening the image (for a registry: its manifest and config, no layer); a fresh
 * result stored for that digest ({@link ScanFreshness}) is used as is, otherwise the image is
 * scanned (layers come from the layer cache when already analyzed), matched against the
 * vulnerability database when there is one, and stored. A reference pinned by digest whose result
 * is stored is answered without any network request.
 *
 * <p>References are resolved and images scanned on a pool of {@link ScanSettings#parallelism()}
 * threads; however many callers ask for one digest at the same time, it is scanned once.
 * Thread-safe. Close it to stop the pool.
 */
public final class ImageScanService implements AutoCloseable {
  private static final String REGISTRY_PREFIX = "docker://";

  private final ScanSettings settings;
  private final ScanResultStore store;
  private final ImageScanner scanner;
  private final Consumer<String> notes;
  private final ExecutorService executor;
  private final SingleFlight<String, Resolution> resolutions;
  private final SingleFlight<String, ImageScanOutcome> scans;
  private final LongAdder scanned = new LongAdder();
  private final LongAdder stored = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /**
   * A service.
   *
   * @param clock gives scan times
   * @param notes told about store entries that were ignored or could not be written; called from
   *     the pool's threads
   */
  public ImageScanService(ScanSettings settings, Clock clock, Consumer<String> notes) {
    this.settings = settings;
    this.store = new ScanResultStore(settings.results());
    this.notes = notes;
    this.scanner =
        new ImageScanner(
            Analyzers.all(),
            new LayerReader(settings.options().limits()),
            new LayerCache(settings.layerCache()),
            ScanProgress.NONE,
            clock);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            settings.parallelism(),
            task -> {
              Thread thread = new Thread(task, "image-scan-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.resolutions = new SingleFlight<>(executor);
    this.scans = new SingleFlight<>(executor);
  }

  /** The store results are kept in. */
  public ScanResultStore store() {
    return store;
  }

  /**
   * The result for an image, scanning it unless a fresh result is stored. The future never
   * completes exceptionally: an image that cannot be opened or read gives a failed outcome.
   *
   * @param reference as {@link ImageSource#open} takes it; {@code docker://} forces a registry
   *     reference
   */
  public CompletableFuture<ImageScanOutcome> scan(String reference) {
    return resolutions
        .run(reference, () -> resolve(reference))
        .thenCompose(resolution -> outcome(reference, resolution))
        .exceptionally(error -> {
          failed.increment();
          return ImageScanOutcome.failed(reference, problem(error));
        });
  }

  /** Like {@link #scan(String)} for a registry reference such as a container's image. */
  public CompletableFuture<ImageScanOutcome> scanRegistryImage(String reference) {
    return scan(REGISTRY_PREFIX + reference);
  }

  /** The image data of a registry reference for policies, empty when it cannot be scanned. */
  public Optional<ImageData> imageData(String registryReference) throws InterruptedException {
    try {
      return scanRegistryImage(registryReference).get().found().map(ScanResult::data);
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  /** How many images were scanned, answered from the store, and could not be scanned so far. */
  public record Counts(long scanned, long stored, long failed) {}

  public Counts counts() {
    return new Counts(scanned.sum(), stored.sum(), failed.sum());
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /**
   * A reference resolved: either a fresh stored result found by its pinned digest, or the opened
   * image and the index digest it was asked for by, if any.
   */
  private record Resolution(
      @Nullable ScanResult stored, @Nullable Image image, @Nullable String pinnedDigest) {}

  private Resolution resolve(String reference) {
    String pinned = pinnedDigest(reference);
    ScanFreshness freshness = freshness();
    if (pinned != null) {
      Optional<ScanResult> known = store.read(pinned, settings.options().platform(), notes);
      if (known.isPresent() && freshness.accepts(known.get())) {
        return new Resolution(known.get(), null, pinned);
      }
    }
    return new Resolution(null, ImageSource.open(reference, options(reference)), pinned);
  }

  private CompletableFuture<ImageScanOutcome> outcome(String reference, Resolution resolution) {
    ScanResult known = resolution.stored();
    if (known != null) {
      stored.increment();
      return CompletableFuture.completedFuture(
          ImageScanOutcome.of(reference, ImageScanOutcome.Source.STORED, known));
    }
    Image image = Objects.requireNonNull(resolution.image());
    String digest = image.manifestDigest();
    // Images without a manifest (a docker save archive, a root filesystem) are identified by their
    // reference; they are scanned but not stored, since no workload names them by digest.
    String key = digest != null ? digest : "reference " + reference;
    return scans
        .run(key, () -> scanOrRead(image))
        .thenApply(shared -> {
          ScanResult result = Objects.requireNonNull(shared.result());
          String pinned = resolution.pinnedDigest();
          if (pinned != null && !pinned.equals(result.digest())) {
            // Asked for by an index digest: later requests by it find the image without a pull.
            store.writeForIndex(pinned, result, notes);
          }
          return new ImageScanOutcome(reference, shared.source(), result, null);
        });
  }

  private ImageScanOutcome scanOrRead(Image image) {
    String digest = image.manifestDigest();
    if (digest != null) {
      Optional<ScanResult> known = store.read(digest, settings.options().platform(), notes);
      if (known.isPresent() && freshness().accepts(known.get())) {
        stored.increment();
        return ImageScanOutcome.of(image.reference(), ImageScanOutcome.Source.STORED, known.get());
      }
    }
    ScanResult result = scanNow(image);
    scanned.increment();
    if (digest != null) {
      store.write(result, notes);
    }
    return ImageScanOutcome.of(image.reference(), ImageScanOutcome.Source.SCANNED, result);
  }

  private ScanResult scanNow(Image image) {
    // The database's import time is read before matching: an import meanwhile makes the result
    // look older than it is, so it is scanned again next time, never trusted too long.
    Instant imported = ScanFreshness.databaseImported(settings.database());
    ImageScan scan = scanner.scan(image);
    ImageData data = scan.toImageData();
    boolean checked = false;
    if (settings.database() != null) {
      try {
        Optional<ImageVulnerabilities> matched = new LocalDatabase(settings.database()).match(scan);
        if (matched.isPresent()) {
          data = matched.get().imageData(scan);
          checked = true;
        }
      } catch (StoreException e) {
        throw new ImageException(
            "the vulnerabilities of " + image.reference() + " cannot be matched: " + e.getMessage(),
            e);
      }
    }
    String digest = image.manifestDigest();
    return new ScanResult(
        digest != null ? digest : Objects.requireNonNullElse(scan.digest(), ""),
        displayed(image.reference()),
        image.config().platform(),
        data,
        checked ? imported : null,
        ScanFreshness.analyzerVersions());
  }

  private ScanFreshness freshness() {
    return ScanFreshness.current(settings.database());
  }

  private ImageOptions options(String reference) {
    ImageOptions options = settings.options();
    if (options.insecure() || settings.insecureRegistries().isEmpty()) {
      return options;
    }
    String registry = registryOf(reference);
    return registry != null && settings.insecureRegistries().contains(registry)
        ? options.withInsecure(true)
        : options;
  }

  /** The registry of a registry reference; null for other kinds of reference. */
  private static @Nullable String registryOf(String reference) {
    ImageReference parsed = registryReference(reference);
    return parsed == null ? null : parsed.registry();
  }

  private static @Nullable String pinnedDigest(String reference) {
    ImageReference parsed = registryReference(reference);
    return parsed == null ? null : parsed.digest();
  }

  private static @Nullable ImageReference registryReference(String reference) {
    if (!reference.startsWith(REGISTRY_PREFIX)) {
      return null;
    }
    try {
      return ImageReference.parse(reference.substring(REGISTRY_PREFIX.length()));
    } catch (ImageException e) {
      // Opening the image reports the malformed reference.
      return null;
    }
  }

  private static String displayed(String reference) {
    return reference.startsWith(REGISTRY_PREFIX)
        ? reference.substring(REGISTRY_PREFIX.length())
        : reference;
  }

  private static String problem(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ImageException) {
      return String.valueOf(cause.getMessage());
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
