package dev.bulwark.cli.common;

import dev.bulwark.scanner.vuln.LocalDatabase;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --db DIR} option of every command that uses the local vulnerability database: the
 * {@code db} subcommands, {@code image scan} and {@code image check}.
 */
public final class DatabaseOption {
  @Option(
      names = "--db",
      paramLabel = "DIR",
      description =
          "Vulnerability database directory (default: $BULWARK_DB, else ~/.cache/bulwark/db).")
  @Nullable Path directory;

  /** The database the option, the environment or the default names. */
  public LocalDatabase database() {
    return LocalDatabase.resolve(directory);
  }
}
