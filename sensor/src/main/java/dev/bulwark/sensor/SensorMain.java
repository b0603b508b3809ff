package dev.bulwark.sensor;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The sensor's entry point: {@code bulwark sensor}, which the {@code bulwark} launcher hands here.
 */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    subcommands = SensorCommand.class,
    description = "Bulwark's applications.")
public final class SensorMain {
  public static final int OK = 0;
  public static final int USAGE_OR_INPUT_ERROR = 2;

  private SensorMain() {}

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != OK) {
      System.exit(code);
    }
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SensorMain());
    commandLine.setExitCodeExceptionMapper(exception -> USAGE_OR_INPUT_ERROR);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      exception.getCommandLine().getErr().println("bulwark: " + exception.getMessage());
      exception.getCommandLine().usage(exception.getCommandLine().getErr());
      return USAGE_OR_INPUT_ERROR;
    });
    return commandLine;
  }
}
