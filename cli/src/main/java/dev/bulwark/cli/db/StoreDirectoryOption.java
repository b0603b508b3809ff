package dev.bulwark.cli.db;

import dev.bulwark.vulndb.store.StoreLocation;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --db DIR} option shared by the {@code db} subcommands. */
final class StoreDirectoryOption {
  @Option(
      names = "--db",
      paramLabel = "DIR",
      description = "Database directory (default: $BULWARK_DB, else ~/.cache/bulwark/db).")
  @Nullable Path directory;

  /** The directory the command works on. */
  Path resolve() {
    return StoreLocation.resolve(
        directory, System.getenv(), Path.of(System.getProperty("user.home")));
  }
}
