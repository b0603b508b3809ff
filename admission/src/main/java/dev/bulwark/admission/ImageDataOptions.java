package dev.bulwark.admission;

import dev.bulwark.admission.images.AdmissionImageData;
import dev.bulwark.admission.images.InlineScanner;
import dev.bulwark.admission.images.StoredScanResults;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.results.ImageScanService;
import dev.bulwark.scanner.results.ScanFreshness;
import dev.bulwark.scanner.results.ScanResultStore;
import dev.bulwark.scanner.results.ScanSettings;
import dev.bulwark.scanner.scan.LayerCache;
import dev.bulwark.scanner.vuln.LocalDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the controller finds image scan data: the scanner's result store, and optionally a scan of
 * unknown images while the review waits.
 */
final class ImageDataOptions {
  /**
   * Images scanned at once inline: a controller shares its node, and reviews wait on few images.
   */
  private static final int INLINE_SCAN_PARALLELISM = 2;

  private static final Logger LOG = LoggerFactory.getLogger(ImageDataOptions.class);

  @Option(
      names = "--scan-results",
      paramLabel = "DIR",
      description =
          "Scan results by image digest, as bulwark check --scan-images writes them; read again"
              + " when an answer is older than --scan-results-recheck. Default:"
              + " ~/.cache/bulwark/scans.")
  @Nullable Path results;

  @Option(
      names = "--scan-results-recheck",
      paramLabel = "SECONDS",
      description =
          "How long an answer of the result store (found or not) is kept in memory. Default:"
              + " ${DEFAULT-VALUE}.")
  long recheckSeconds = StoredScanResults.DEFAULT_RECHECK.toSeconds();

  @Option(
      names = "--inline-scan",
      description =
          "Scan an image the result store does not know while the review waits (up to"
              + " --inline-scan-deadline); a scan still running then goes on and stores its result"
              + " for the next review.")
  boolean inlineScan;

  @Option(
      names = "--inline-scan-deadline",
      paramLabel = "MILLISECONDS",
      description = "How long a review waits for an inline scan. Default: ${DEFAULT-VALUE}.")
  long deadlineMillis = 3000;

  @Option(
      names = "--db",
      paramLabel = "DIR",
      description =
          "With --inline-scan: vulnerability database directory (default: $BULWARK_DB, else"
              + " ~/.cache/bulwark/db).")
  @Nullable Path database;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "With --inline-scan: layer cache folder (default: ~/.cache/bulwark/layers).")
  @Nullable Path layerCache;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description =
          "With --inline-scan: talk plain HTTP to this registry (test registries only)."
              + " Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description =
          "The nodes' platform: the image a multi-platform index digest stands for. Default:"
              + " linux/amd64.")
  @Nullable String platform;

  /**
   * The inline scan service, or null without {@code --inline-scan}. The caller closes it.
   *
   * @throws CommandLine.ParameterException for a bad or misplaced option
   */
  @Nullable ImageScanService scanner(CommandLine commandLine, Clock clock) {
    if (recheckSeconds < 0) {
      throw new CommandLine.ParameterException(
          commandLine, "--scan-results-recheck must not be negative");
    }
    Platform nodes = platform(commandLine);
    if (!inlineScan) {
      List<String> given = new ArrayList<>();
      if (database != null) {
        given.add("--db");
      }
      if (layerCache != null) {
        given.add("--cache-dir");
      }
      if (!insecureRegistries.isEmpty()) {
        given.add("--insecure-registry");
      }
      if (!given.isEmpty()) {
        throw new CommandLine.ParameterException(
            commandLine, String.join(", ", given) + " only apply with --inline-scan");
      }
      return null;
    }
    if (deadlineMillis < 1) {
      throw new CommandLine.ParameterException(
          commandLine, "--inline-scan-deadline must be positive");
    }
    return new ImageScanService(
        new ScanSettings(
            ImageOptions.defaults().withPlatform(nodes),
            Set.copyOf(insecureRegistries),
            layerCache == null ? LayerCache.defaultDirectory() : layerCache,
            resultDirectory(),
            LocalDatabase.resolve(database).directory(),
            INLINE_SCAN_PARALLELISM),
        clock,
        note -> LOG.warn("{}", note));
  }

  /** The image data the decider looks images up in; call {@link #scanner} first (it validates). */
  AdmissionImageData imageData(
      CommandLine commandLine, Clock clock, @Nullable ImageScanService scanner) {
    // Without an inline scanner, any readable result beats none: results of other analyzer
    // versions or an older database cannot be replaced here. With one, stale results are scanned
    // again, as bulwark check would.
    Path databaseDirectory = scanner == null ? null : LocalDatabase.resolve(database).directory();
    StoredScanResults cache =
        new StoredScanResults(
            new ScanResultStore(resultDirectory()),
            platform(commandLine),
            scanner == null
                ? () -> ScanFreshness.ANY
                : () -> ScanFreshness.current(databaseDirectory),
            clock,
            Duration.ofSeconds(recheckSeconds),
            StoredScanResults.DEFAULT_MAX_ENTRIES);
    InlineScanner inline =
        scanner == null ? null : image -> scanner.imageData(image.fullName().strip());
    return new AdmissionImageData(
        cache,
        inline,
        Duration.ofMillis(deadlineMillis),
        Executors.newVirtualThreadPerTaskExecutor());
  }

  private Path resultDirectory() {
    return results == null ? ScanResultStore.defaultDirectory() : results;
  }

  private Platform platform(CommandLine commandLine) {
    if (platform == null) {
      return Platform.DEFAULT;
    }
    try {
      return Platform.parse(platform);
    } catch (IllegalArgumentException | ImageException e) {
      throw new CommandLine.ParameterException(commandLine, "--platform: " + e.getMessage(), e);
    }
  }
}
