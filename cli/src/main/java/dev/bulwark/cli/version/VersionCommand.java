package dev.bulwark.cli.version;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bulwark version}: the parent of the version subcommands. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Work with package versions as each ecosystem orders them.",
    subcommands = CompareCommand.class)
public final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: bulwark version compare ...");
  }
}
