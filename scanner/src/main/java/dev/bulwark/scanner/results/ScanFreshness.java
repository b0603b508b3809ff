package dev.bulwark.scanner.results;

import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.vulndb.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Whether a stored result is still as good as a new scan would be. A result is stale when it was
 * made by other analyzer versions (a newer analyzer may find more), or when the vulnerability
 * database was imported after the result was matched against it (or a database exists now and the
 * result was made without one). Without a database now, results matched against an older one are
 * kept: they know more than a scan could today. Immutable.
 *
 * @param analyzers the analyzer versions in use, by name; null to accept any (a reader that cannot
 *     scan, such as the admission controller without an inline scanner, uses what it is given)
 * @param database when the current database was imported, null when there is none
 */
public record ScanFreshness(@Nullable Map<String, Integer> analyzers, @Nullable Instant database) {
  /** Accepts every result that can be read. */
  public static final ScanFreshness ANY = new ScanFreshness(null, null);

  public ScanFreshness {
    analyzers = analyzers == null ? null : Collections.unmodifiableMap(new TreeMap<>(analyzers));
  }

  /** The versions of this build's analyzers and the state of the database in {@code directory}. */
  public static ScanFreshness current(@Nullable Path databaseDirectory) {
    return new ScanFreshness(analyzerVersions(), databaseImported(databaseDirectory));
  }

  /** The version of every analyzer of this build, by name. */
  public static Map<String, Integer> analyzerVersions() {
    Map<String, Integer> versions = new TreeMap<>();
    for (Analyzer analyzer : Analyzers.all()) {
      versions.put(analyzer.name(), analyzer.version());
    }
    return versions;
  }

  /**
   * When the database in the directory was last imported (an import renames a new file into place),
   * or null when there is none or it cannot be read.
   */
  public static @Nullable Instant databaseImported(@Nullable Path databaseDirectory) {
    if (databaseDirectory == null) {
      return null;
    }
    try {
      return Files.getLastModifiedTime(StoreLocation.databaseFile(databaseDirectory)).toInstant();
    } catch (IOException e) {
      // No database, or one whose file cannot be read: matching reports the latter.
      return null;
    }
  }

  /** Whether the result can be used instead of scanning again. */
  public boolean accepts(ScanResult result) {
    if (analyzers != null && !analyzers.equals(result.analyzers())) {
      return false;
    }
    Instant current = database;
    if (current == null) {
      return true;
    }
    Instant used = result.database();
    return result.vulnerabilitiesChecked() && used != null && !current.isAfter(used);
  }
}
