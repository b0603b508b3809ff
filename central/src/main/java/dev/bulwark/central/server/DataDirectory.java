package dev.bulwark.central.server;

import dev.bulwark.server.files.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Central's data directory, mode 0700, held locked by one central at a time. Layout:
 *
 * <ul>
 *   <li>{@code postgres/} the embedded PostgreSQL (data, password, server log), when it is used
 *   <li>{@code tls.crt}, {@code tls.key}, {@code ca.crt}, {@code ca.key}: the generated certificate
 *       (clients trust {@code tls.crt}), when none is given
 *   <li>{@code admin-token}: the admin token made at the first start
 *   <li>{@code secret.key}: the secrets key made at the first start, embedded database only
 *   <li>{@code central.lock}: held while central runs
 * </ul>
 */
final class DataDirectory implements AutoCloseable {
  private final Path root;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel channel, FileLock lock) {
    this.root = root;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed and locks it.
   *
   * @throws IOException when another central holds it, or it cannot be created
   */
  static DataDirectory open(Path root) throws IOException {
    Path directory = PrivateFiles.directory(root.toAbsolutePath().normalize());
    FileChannel channel =
        FileChannel.open(
            directory.resolve("central.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "another bulwark central uses the data directory "
              + directory
              + "; give each one its own --data-dir");
    }
    return new DataDirectory(directory, channel, lock);
  }

  Path root() {
    return root;
  }

  Path postgres() {
    return root.resolve("postgres");
  }

  Path adminToken() {
    return root.resolve("admin-token");
  }

  Path secretKey() {
    return root.resolve("secret.key");
  }

  Path certificate() {
    return root.resolve("tls.crt");
  }

  /** Where the inventory's image scans keep their results besides the database (a cache). */
  Path scanResults() {
    return root.resolve("scan-results");
  }

  /** The default layer cache of image scans. */
  Path scanCache() {
    return root.resolve("scan-cache");
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
