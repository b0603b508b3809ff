package dev.bulwark.cli.db;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bulwark db}: the local vulnerability database (docs/vulndb.md). */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    subcommands = {DbImportCommand.class, DbUpdateCommand.class, DbStatusCommand.class},
    description = {
      "Manage the local vulnerability database that image scans match against.",
      "",
      "Location: --db DIR, else $BULWARK_DB, else ~/.cache/bulwark/db.",
      "Exit codes: 0 ok, 2 usage or input error."
    })
public final class DbCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
