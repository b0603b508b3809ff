package dev.bulwark.vulndb.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Keeps a copy of sqlite-jdbc's native library in the store directory and points the driver at it.
 * Left alone, the driver extracts the library from its jar into the temporary directory and
 * verifies the copy on every JVM start, which was most of a cold open (docs/benchmarks.md). The
 * driver reads the location from the system properties {@code org.sqlite.lib.path} and {@code
 * org.sqlite.lib.name} when it first connects; they are set only when nobody set them before, and
 * when the copy cannot be made the driver keeps its own way.
 */
final class SqliteNativeLibrary {
  private static final AtomicBoolean PREPARED = new AtomicBoolean();

  private SqliteNativeLibrary() {}

  /** Prepares the copy below {@code storeDirectory} once per process. */
  static void useCopyIn(Path storeDirectory) {
    if (System.getProperty("org.sqlite.lib.path") != null || !PREPARED.compareAndSet(false, true)) {
      return;
    }
    String name = System.mapLibraryName("sqlitejdbc");
    String resource =
        "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
    Path directory =
        storeDirectory.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
    Path library = directory.resolve(name);
    try {
      if (!Files.isRegularFile(library)) {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
          if (in == null) {
            return;
          }
          Files.createDirectories(directory);
          Path partial = Files.createTempFile(directory, name, ".partial");
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
          // Renamed whole, so a concurrent process never loads a half-written library.
          Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      return;
    }
    System.setProperty("org.sqlite.lib.path", directory.toAbsolutePath().toString());
    System.setProperty("org.sqlite.lib.name", name);
  }
}
