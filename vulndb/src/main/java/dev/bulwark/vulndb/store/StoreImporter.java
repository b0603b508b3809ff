package dev.bulwark.vulndb.store;

import dev.bulwark.vulndb.cvss.Cvss;
import dev.bulwark.vulndb.cvss.CvssScore;
import dev.bulwark.vulndb.cvss.CvssVersion;
import dev.bulwark.vulndb.cvss.InvalidCvssVectorException;
import dev.bulwark.vulndb.osv.Affected;
import dev.bulwark.vulndb.osv.OsvFormatException;
import dev.bulwark.vulndb.osv.OsvReadResult;
import dev.bulwark.vulndb.osv.OsvReader;
import dev.bulwark.vulndb.osv.OsvRecord;
import dev.bulwark.vulndb.osv.Severity;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Imports OSV records into the store. An import holds the store's exclusive import lock from start
 * to end (a second import waits for it), copies the current database to a new file, writes into the
 * copy, and renames the copy over the database while holding the open lock exclusively, so a reader
 * opens either the old or the new file and never a half-written one.
 *
 * <p>A record replaces the stored record of the same id unless the stored one has a newer {@code
 * modified}. Withdrawn records are stored and flagged. A document that cannot be read is reported
 * and skipped; only a source that cannot be read at all (a missing path, a refused archive) stops
 * the import, which then leaves the store as it was.
 *
 * <p>Thread-safe: every call works on its own files under the locks.
 */
public final class StoreImporter {
  /** The default wait for another import to finish. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);

  private static final Map<String, Integer> CVSS_PREFERENCE =
      Map.of("CVSS_V4", 3, "CVSS_V3", 2, "CVSS_V2", 1);

  private final Path directory;
  private final ArchiveLimits limits;
  private final Duration lockTimeout;
  private final Clock clock;

  /**
   * An importer into the store in {@code directory}, which is created when missing.
   *
   * @param lockTimeout how long to wait for another import
   */
  public StoreImporter(Path directory, ArchiveLimits limits, Duration lockTimeout, Clock clock) {
    this.directory = directory;
    this.limits = limits;
    this.lockTimeout = lockTimeout;
    this.clock = clock;
  }

  /**
   * Imports every path (a directory of OSV JSON files or an OSV zip dump), recording each under its
   * label in the store's sources.
   *
   * @param sources path to read → label to record (a path, or the URL it was downloaded from)
   * @throws StoreException when a source cannot be read at all or the store cannot be written; the
   *     store is then unchanged
   */
  public ImportReport importSources(List<ImportSource> sources) throws StoreException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the store directory " + directory + ": " + e.getMessage(), e);
    }
    SqliteNativeLibrary.useCopyIn(directory);
    try (StoreLock importLock =
        StoreLock.acquire(
            directory.resolve(StoreLocation.IMPORT_LOCK_FILE), false, lockTimeout, "import")) {
      Path database = StoreLocation.databaseFile(directory);
      Path next = directory.resolve(StoreLocation.DATABASE_FILE + ".next");
      try {
        Files.deleteIfExists(next);
        boolean exists = Files.isRegularFile(database);
        if (exists) {
          Files.copy(database, next, StandardCopyOption.REPLACE_EXISTING);
        }
        ImportReport report = write(next, !exists, sources);
        force(next);
        try (StoreLock openLock =
            StoreLock.acquire(
                directory.resolve(StoreLocation.OPEN_LOCK_FILE),
                false,
                VulnerabilityStore.OPEN_LOCK_TIMEOUT,
                "rename")) {
          Files.move(
              next, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return report;
      } catch (IOException e) {
        throw new StoreException(
            "cannot write the store in " + directory + ": " + e.getMessage(), e);
      } finally {
        deleteQuietly(next);
      }
    }
  }

  private ImportReport write(Path file, boolean create, List<ImportSource> sources)
      throws StoreException {
    try (Connection connection = VulnerabilityStore.connect(file, false)) {
      try (Statement statement = connection.createStatement()) {
        // The file is private until renamed: a crash loses only the copy, so SQLite's own
        // journal is not needed; the file is forced to disk before the rename.
        statement.execute("PRAGMA journal_mode = OFF");
        statement.execute("PRAGMA synchronous = OFF");
      }
      connection.setAutoCommit(false);
      if (create) {
        Schema.create(connection);
      }
      Writer writer = new Writer(connection);
      RecordSources reader = new RecordSources(limits);
      for (ImportSource source : sources) {
        int before = writer.read;
        reader.read(source.path(), writer::accept);
        writer.source(source.label(), clock.instant(), writer.read - before);
      }
      connection.commit();
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA optimize");
      }
      return new ImportReport(
          writer.read, writer.added, writer.replaced, writer.keptNewer, writer.problems);
    } catch (SQLException e) {
      throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover copy is overwritten by the next import.
    }
  }

  /** A path to import and the label the store records for it. */
  public record ImportSource(Path path, String label) {}

  /** Writes records into one open database. */
  private static final class Writer {
    private final OsvReader reader = new OsvReader();
    private final List<ImportProblem> problems = new ArrayList<>();
    private final PreparedStatement findModified;
    private final PreparedStatement deleteAffected;
    private final PreparedStatement deleteAliases;
    private final PreparedStatement upsertVulnerability;
    private final PreparedStatement insertAlias;
    private final PreparedStatement insertAffected;
    private final PreparedStatement upsertSource;
    private int read;
    private int added;
    private int replaced;
    private int keptNewer;

    Writer(Connection connection) throws SQLException {
      findModified = connection.prepareStatement("SELECT modified FROM vulnerability WHERE id = ?");
      deleteAffected = connection.prepareStatement("DELETE FROM affected WHERE id = ?");
      deleteAliases = connection.prepareStatement("DELETE FROM alias WHERE id = ?");
      upsertVulnerability =
          connection.prepareStatement(
              "INSERT OR REPLACE INTO vulnerability(id, modified, published, withdrawn, aliases,"
                  + " summary, severity, cvss_vector, cvss_version, cvss_score, cvss_severity)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insertAlias =
          connection.prepareStatement("INSERT OR IGNORE INTO alias(alias, id) VALUES (?, ?)");
      insertAffected =
          connection.prepareStatement(
              "INSERT INTO affected(id, ecosystem, name, package_name, purl, ranges, versions,"
                  + " database_specific) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      upsertSource =
          connection.prepareStatement(
              "INSERT OR REPLACE INTO source(location, imported_at, records) VALUES (?, ?, ?)");
    }

    void accept(String name, byte[] content) throws StoreException {
      OsvReadResult result;
      try {
        result = reader.read(name, content);
      } catch (OsvFormatException e) {
        problems.add(new ImportProblem(name, String.valueOf(e.getMessage()), true));
        return;
      }
      read++;
      for (String warning : result.warnings()) {
        problems.add(new ImportProblem(name, warning, false));
      }
      try {
        store(name, result.record());
      } catch (SQLException e) {
        throw new StoreException("cannot store " + name + ": " + e.getMessage(), e);
      }
    }

    private void store(String name, OsvRecord record) throws SQLException {
      findModified.setString(1, record.id());
      Long stored = null;
      try (ResultSet rows = findModified.executeQuery()) {
        if (rows.next()) {
          stored = rows.getLong(1);
        }
      }
      if (stored != null) {
        if (stored > record.modified().toEpochMilli()) {
          keptNewer++;
          return;
        }
        replaced++;
        deleteAffected.setString(1, record.id());
        deleteAffected.executeUpdate();
        deleteAliases.setString(1, record.id());
        deleteAliases.executeUpdate();
      } else {
        added++;
      }
      insertVulnerability(name, record);
      for (String alias : record.aliases()) {
        insertAlias.setString(1, alias);
        insertAlias.setString(2, record.id());
        insertAlias.executeUpdate();
      }
      for (Affected affected : record.affected()) {
        insertAffected.setString(1, record.id());
        insertAffected.setString(2, affected.packageId().ecosystem());
        insertAffected.setString(
            3,
            PackageNames.normalise(affected.packageId().ecosystem(), affected.packageId().name()));
        insertAffected.setString(4, affected.packageId().name());
        setNullable(insertAffected, 5, affected.packageId().purl());
        insertAffected.setString(6, RecordJson.ranges(affected.ranges()));
        insertAffected.setString(7, RecordJson.strings(affected.versions()));
        setNullable(insertAffected, 8, affected.databaseSpecificJson());
        insertAffected.executeUpdate();
      }
    }

    private void insertVulnerability(String name, OsvRecord record) throws SQLException {
      PreparedStatement statement = upsertVulnerability;
      statement.setString(1, record.id());
      statement.setLong(2, record.modified().toEpochMilli());
      setInstant(statement, 3, record.published());
      setInstant(statement, 4, record.withdrawn());
      statement.setString(5, RecordJson.strings(record.aliases()));
      statement.setString(6, record.headline());
      statement.setString(7, RecordJson.severities(record.severity()));
      CvssScore cvss = bestCvss(name, record);
      setNullable(statement, 8, cvss == null ? null : cvss.vector());
      setNullable(statement, 9, cvss == null ? null : cvss.version().label());
      if (cvss == null) {
        statement.setNull(10, Types.REAL);
      } else {
        statement.setDouble(10, cvss.baseScore());
      }
      setNullable(statement, 11, cvss == null ? null : cvss.severity().name());
      statement.executeUpdate();
    }

    /** The score of the newest CVSS version the record gives; unscorable vectors are warned. */
    private @Nullable CvssScore bestCvss(String name, OsvRecord record) {
      List<Severity> candidates =
          record.severity().stream()
              .filter(severity -> CVSS_PREFERENCE.containsKey(severity.type()))
              .sorted(
                  Comparator.comparing(
                          (Severity severity) -> CVSS_PREFERENCE.getOrDefault(severity.type(), 0))
                      .reversed())
              .toList();
      for (Severity severity : candidates) {
        try {
          CvssScore score = Cvss.score(severity.score());
          if (score.version() != CvssVersion.V2 || severity.type().equals("CVSS_V2")) {
            return score;
          }
          problems.add(new ImportProblem(name, severity.type() + " holds a v2 vector", false));
        } catch (InvalidCvssVectorException e) {
          problems.add(new ImportProblem(name, "severity: " + e.getMessage(), false));
        }
      }
      return null;
    }

    void source(String label, Instant importedAt, int records) throws StoreException {
      try {
        upsertSource.setString(1, label);
        upsertSource.setLong(2, importedAt.toEpochMilli());
        upsertSource.setInt(3, records);
        upsertSource.executeUpdate();
      } catch (SQLException e) {
        throw new StoreException("cannot record the source " + label + ": " + e.getMessage(), e);
      }
    }

    private static void setNullable(PreparedStatement statement, int index, @Nullable String value)
        throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.VARCHAR);
      } else {
        statement.setString(index, value);
      }
    }

    private static void setInstant(PreparedStatement statement, int index, @Nullable Instant value)
        throws SQLException {
      if (value == null) {
        statement.setNull(index, Types.INTEGER);
      } else {
        statement.setLong(index, value.toEpochMilli());
      }
    }
  }
}
