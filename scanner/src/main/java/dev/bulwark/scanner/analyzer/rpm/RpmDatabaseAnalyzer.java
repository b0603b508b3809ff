package dev.bulwark.scanner.analyzer.rpm;

import dev.bulwark.scanner.analyzer.AnalysisSink;
import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.Analyzer;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.analyzer.PackageUrl;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Installed rpm packages from rpm's package database: the SQLite database of rpm 4.16 and later
 * ({@code rpmdb.sqlite}, one {@link RpmHeader} per row of the {@code Packages} table) and the
 * Berkeley DB hash database before it ({@code Packages}, one header per value), in {@code
 * var/lib/rpm/} or {@code usr/lib/sysimage/rpm/}. SUSE's NDB database ({@code Packages.db}) is not
 * read; finding one gives a note saying so.
 */
public final class RpmDatabaseAnalyzer implements Analyzer {
  private static final Set<String> SQLITE =
      Set.of("var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite");
  private static final Set<String> BERKELEY =
      Set.of("var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages");
  private static final Set<String> NDB =
      Set.of("var/lib/rpm/Packages.db", "usr/lib/sysimage/rpm/Packages.db");
  private static final int MAXIMUM_PACKAGES = 100_000;
  private static final int MAXIMUM_HEADER_BYTES = 32 << 20;

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(String path, long size) {
    return SQLITE.contains(path) || BERKELEY.contains(path) || NDB.contains(path);
  }

  @Override
  public void analyze(AnalyzedFile file, AnalysisSink sink) throws IOException {
    if (NDB.contains(file.path())) {
      throw new MalformedContentException(
          "NDB rpm databases are not read (only rpmdb.sqlite and Berkeley DB Packages); its"
              + " packages are not reported");
    }
    if (BERKELEY.contains(file.path())) {
      long number = 0;
      for (byte[] header : BerkeleyHashFile.values(file.materialise())) {
        row(++number, header, file.path(), sink);
      }
      return;
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file.materialise().toAbsolutePath());
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
      int count = 0;
      while (rows.next()) {
        if (++count > MAXIMUM_PACKAGES) {
          sink.note(
              new Note(
                  name(),
                  file.path(),
                  "more than " + MAXIMUM_PACKAGES + " packages; rest skipped"));
          return;
        }
        row(rows.getLong(1), rows.getBytes(2), file.path(), sink);
      }
    } catch (SQLException e) {
      throw new MalformedContentException("not a readable rpm SQLite database: " + e.getMessage());
    }
  }

  private void row(long number, byte @Nullable [] blob, String path, AnalysisSink sink) {
    String where = path + ":Packages[" + number + "]";
    if (blob == null || blob.length > MAXIMUM_HEADER_BYTES) {
      sink.note(new Note(name(), where, "empty or oversized header; skipped"));
      return;
    }
    try {
      Package found = found(RpmHeader.parse(blob), path);
      if (found != null) {
        sink.found(found);
      }
    } catch (MalformedContentException e) {
      sink.note(new Note(name(), where, e.reason() + "; skipped"));
    }
  }

  /** The package a header describes; {@code null} for imported signing keys (gpg-pubkey). */
  static @Nullable Package found(RpmHeader header, String path) throws MalformedContentException {
    String name = header.string(RpmHeader.NAME);
    String version = header.string(RpmHeader.VERSION);
    String release = header.string(RpmHeader.RELEASE);
    if (name == null || version == null || release == null) {
      throw new MalformedContentException("no NAME, VERSION or RELEASE tag");
    }
    if (name.equals("gpg-pubkey")) {
      return null;
    }
    OptionalInt epoch = header.integer(RpmHeader.EPOCH);
    String architecture = header.string(RpmHeader.ARCH);
    String full = (epoch.isPresent() ? epoch.getAsInt() + ":" : "") + version + "-" + release;
    Map<String, String> qualifiers = new LinkedHashMap<>();
    if (architecture != null) {
      qualifiers.put("arch", architecture);
    }
    if (epoch.isPresent()) {
      qualifiers.put("epoch", Integer.toString(epoch.getAsInt()));
    }
    String sourceName = name;
    String sourceVersion = full;
    String sourceRpm = header.string(RpmHeader.SOURCE_RPM);
    SourceRpm source = sourceRpm == null ? null : SourceRpm.parse(sourceRpm);
    if (source != null) {
      sourceName = source.name();
      sourceVersion = (epoch.isPresent() ? epoch.getAsInt() + ":" : "") + source.version();
    }
    return new Package(
        name,
        full,
        Ecosystem.RED_HAT,
        new PackageUrl("rpm", "redhat", name, version + "-" + release, qualifiers),
        sourceName,
        sourceVersion,
        architecture,
        path);
  }

  /**
   * A source rpm file name, {@code name-version-release.src.rpm}: the name and {@code
   * version-release}. Package URLs name it too (the {@code upstream} qualifier some tools write).
   */
  public record SourceRpm(String name, String version) {
    /** The name and version of a source rpm file name; null when it is not one. */
    public static @Nullable SourceRpm parse(String fileName) {
      String base;
      if (fileName.endsWith(".src.rpm")) {
        base = fileName.substring(0, fileName.length() - ".src.rpm".length());
      } else if (fileName.endsWith(".nosrc.rpm")) {
        base = fileName.substring(0, fileName.length() - ".nosrc.rpm".length());
      } else {
        return null;
      }
      int releaseDash = base.lastIndexOf('-');
      int versionDash = releaseDash > 0 ? base.lastIndexOf('-', releaseDash - 1) : -1;
      if (versionDash <= 0) {
        return null;
      }
      return new SourceRpm(base.substring(0, versionDash), base.substring(versionDash + 1));
    }
  }
}
