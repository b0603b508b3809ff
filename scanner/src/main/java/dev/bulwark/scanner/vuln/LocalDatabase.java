package dev.bulwark.scanner.vuln;

import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.vulndb.match.VulnerabilityMatcher;
import dev.bulwark.vulndb.store.StoreException;
import dev.bulwark.vulndb.store.StoreLocation;
import dev.bulwark.vulndb.store.VulnerabilityStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The local vulnerability database directory ({@code --db}, {@code $BULWARK_DB}, else the default
 * under the user's home) and matching scans against it when it has been imported.
 *
 * @param directory the database directory; it may not hold a database yet
 */
public record LocalDatabase(Path directory) {
  /** The directory an option names, else the environment's, else the default one. */
  public static LocalDatabase resolve(@Nullable Path option) {
    return new LocalDatabase(
        StoreLocation.resolve(option, System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  /** True when a database was imported into the directory. */
  public boolean exists() {
    return Files.isRegularFile(StoreLocation.databaseFile(directory));
  }

  /**
   * Matches every package of the scan, opening the store for this call only. Empty when no database
   * was imported: callers must report that vulnerabilities were not checked, never a clean image.
   *
   * @throws StoreException when the database exists but cannot be read
   */
  public Optional<ImageVulnerabilities> match(ImageScan scan) throws StoreException {
    if (!exists()) {
      return Optional.empty();
    }
    try (VulnerabilityStore store = VulnerabilityStore.open(directory)) {
      return Optional.of(ImageVulnerabilities.match(scan, new VulnerabilityMatcher(store)));
    }
  }
}
