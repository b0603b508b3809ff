package dev.bulwark.central.server;

import dev.bulwark.central.storage.ConnectionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How central runs, from the command line.
 *
 * @param host the address to listen on
 * @param port the HTTPS port; 0 for any free one (tests)
 * @param dataDirectory central's own files (see {@link DataDirectory})
 * @param database an external PostgreSQL; null for the embedded one in the data directory
 * @param embeddedBinaries where the embedded PostgreSQL's binaries are unpacked
 * @param tlsCertificate with {@code tlsKey}: the serving certificate; both null for a generated one
 * @param tlsNames extra DNS names or addresses for the generated certificate
 * @param adminTokenFile the first admin token, chosen by the operator; null to generate one
 * @param secretKeyFile the secrets key; null to use {@code secretKeyEnvironment} or generate one
 * @param secretKeyEnvironment the value of {@code BULWARK_SECRET_KEY}; null when unset
 * @param maxRequestBytes larger request bodies are refused (413)
 * @param databasePoolSize connections to the database at most
 * @param jobPoll how often singleton jobs are looked at
 * @param alertRetention how long RESOLVED and ATTEMPTED alerts are kept
 * @param imageScans how images are pulled and scanned for detection
 */
public record CentralSettings(
    String host,
    int port,
    Path dataDirectory,
    @Nullable ConnectionSettings database,
    Path embeddedBinaries,
    @Nullable Path tlsCertificate,
    @Nullable Path tlsKey,
    List<String> tlsNames,
    @Nullable Path adminTokenFile,
    @Nullable Path secretKeyFile,
    @Nullable String secretKeyEnvironment,
    int maxRequestBytes,
    int databasePoolSize,
    Duration jobPoll,
    Duration alertRetention,
    ImageScanSettings imageScans) {
  public static final int DEFAULT_PORT = 8443;
  public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_JOB_POLL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_ALERT_RETENTION = Duration.ofDays(90);

  public CentralSettings {
    tlsNames = List.copyOf(tlsNames);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0 to 65535, found " + port);
    }
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException("--max-request-bytes must be at least 1024");
    }
    if (databasePoolSize < 2) {
      throw new IllegalArgumentException(
          "--database-pool-size must be at least 2 (requests and background jobs)");
    }
    if (alertRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("--alert-retention must be at least 1h");
    }
  }

  /** The default data directory: {@code $XDG_DATA_HOME/bulwark/central}, else under the home. */
  public static Path defaultDataDirectory(@Nullable String xdgDataHome, Path home) {
    Path base =
        xdgDataHome != null && !xdgDataHome.isBlank()
            ? Path.of(xdgDataHome)
            : home.resolve(".local/share");
    return base.resolve("bulwark/central");
  }

  /**
   * Where the embedded binaries go: {@code $XDG_CACHE_HOME/bulwark/embedded-postgres}, else
   * ~/.cache.
   */
  public static Path defaultBinaries(@Nullable String xdgCacheHome, Path home) {
    Path base =
        xdgCacheHome != null && !xdgCacheHome.isBlank()
            ? Path.of(xdgCacheHome)
            : home.resolve(".cache");
    return base.resolve("bulwark/embedded-postgres");
  }
}
