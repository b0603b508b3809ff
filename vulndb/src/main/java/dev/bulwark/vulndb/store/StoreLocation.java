package dev.bulwark.vulndb.store;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the store lives: the directory named by {@code --db}, else by the environment variable
 * {@code BULWARK_DB}, else {@code ~/.cache/bulwark/db}. The directory holds the database file and
 * the two lock files.
 */
public final class StoreLocation {
  /** The environment variable naming the store directory. */
  public static final String ENVIRONMENT_VARIABLE = "BULWARK_DB";

  static final String DATABASE_FILE = "vulndb.sqlite";
  static final String IMPORT_LOCK_FILE = "import.lock";
  static final String OPEN_LOCK_FILE = "open.lock";

  private StoreLocation() {}

  /**
   * The store directory.
   *
   * @param option the directory given on the command line, or null
   * @param environment the process environment
   * @param home the user's home directory
   */
  public static Path resolve(@Nullable Path option, Map<String, String> environment, Path home) {
    if (option != null) {
      return option;
    }
    String variable = environment.get(ENVIRONMENT_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable);
    }
    return home.resolve(".cache").resolve("bulwark").resolve("db");
  }

  /** The database file inside {@code directory}. */
  public static Path databaseFile(Path directory) {
    return directory.resolve(DATABASE_FILE);
  }
}
