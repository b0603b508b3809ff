package dev.bulwark.central;

import dev.bulwark.central.server.CentralServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Central's entry point: {@code bulwark central}, which the {@code bulwark} launcher hands to this
 * application.
 */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = CentralMain.Version.class,
    subcommands = CentralCommand.class,
    description = "Bulwark's applications.")
public final class CentralMain {
  public static final int OK = 0;
  public static final int USAGE_OR_INPUT_ERROR = 2;

  private CentralMain() {}

  /** {@code --version}: central's version, from its jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"bulwark central " + CentralServer.version()};
    }
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != OK) {
      System.exit(code);
    }
  }

  /** The command line, with Bulwark's exit codes for usage errors. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new CentralMain());
    commandLine.setExitCodeExceptionMapper(exception -> USAGE_OR_INPUT_ERROR);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      exception.getCommandLine().getErr().println("bulwark: " + exception.getMessage());
      exception.getCommandLine().usage(exception.getCommandLine().getErr());
      return USAGE_OR_INPUT_ERROR;
    });
    return commandLine;
  }
}
