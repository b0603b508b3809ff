package dev.bulwark.scanner.results;

import dev.bulwark.scanner.image.source.ImageOptions;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link ImageScanService} opens, scans and keeps images.
 *
 * @param options how images are opened: platform, credentials (explicit, else the Docker config),
 *     limits; {@code insecure} applies to every registry
 * @param insecureRegistries registries ({@code host[:port]}) spoken to over plain HTTP
 * @param layerCache the layer cache directory
 * @param results the result store directory
 * @param database the vulnerability database directory; null to match no vulnerabilities
 * @param parallelism how many images are opened or scanned at once, at least 1
 */
public record ScanSettings(
    ImageOptions options,
    Set<String> insecureRegistries,
    Path layerCache,
    Path results,
    @Nullable Path database,
    int parallelism) {
  public ScanSettings {
    insecureRegistries = Set.copyOf(insecureRegistries);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
  }
}
