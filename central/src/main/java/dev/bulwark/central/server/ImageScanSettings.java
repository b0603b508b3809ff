package dev.bulwark.central.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How central pulls and scans images: for {@code POST /v1/detect/build}, and the inventory's images
 * in the background.
 *
 * @param vulnerabilityDatabase the vulnerability database directory ({@code --vulndb}); null when
 *     central has none, so vulnerability criteria are not evaluated
 * @param insecureRegistries registries ({@code host[:port]}) central talks plain HTTP to
 * @param layerCache the layer cache directory; null for {@code scan-cache} in the data directory
 * @param concurrency how many images are scanned at once; more requests are refused (429)
 * @param deadline how long one scan may take before its request fails (504), or before an inventory
 *     image's attempt counts as failed
 * @param inventoryScans whether the images deployments use are scanned
 * @param rescanInterval how often an inventory image is scanned again
 */
public record ImageScanSettings(
    @Nullable Path vulnerabilityDatabase,
    List<String> insecureRegistries,
    @Nullable Path layerCache,
    int concurrency,
    Duration deadline,
    boolean inventoryScans,
    Duration rescanInterval) {
  public static final int DEFAULT_CONCURRENCY = 2;
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RESCAN_INTERVAL = Duration.ofHours(24);

  /** No database, no insecure registry, the default cache, concurrency and deadline. */
  public static final ImageScanSettings DEFAULTS =
      new ImageScanSettings(
          null,
          List.of(),
          null,
          DEFAULT_CONCURRENCY,
          DEFAULT_DEADLINE,
          true,
          DEFAULT_RESCAN_INTERVAL);

  public ImageScanSettings {
    insecureRegistries = List.copyOf(insecureRegistries);
    if (concurrency < 1) {
      throw new IllegalArgumentException("image scan concurrency must be at least 1");
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the image scan deadline must be positive");
    }
    if (rescanInterval.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("--image-rescan-interval must be at least 1m");
    }
    for (String registry : insecureRegistries) {
      if (!registry.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:]+\\](:[0-9]{1,5})?")) {
        throw new IllegalArgumentException(
            "--insecure-registry takes HOST or HOST:PORT, such as registry.local:5000, not '"
                + registry
                + "'");
      }
    }
  }
}
