package dev.bulwark.admission;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The admission controller's entry point: {@code bulwark admission-controller}, which the {@code
 * bulwark} launcher hands to this application.
 */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    subcommands = AdmissionControllerCommand.class,
    description = "Bulwark's applications.")
public final class AdmissionMain {
  public static final int OK = 0;
  public static final int USAGE_OR_INPUT_ERROR = 2;

  private AdmissionMain() {}

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != OK) {
      System.exit(code);
    }
  }

  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new AdmissionMain());
    commandLine.setExitCodeExceptionMapper(exception -> USAGE_OR_INPUT_ERROR);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      exception.getCommandLine().getErr().println("bulwark: " + exception.getMessage());
      exception.getCommandLine().usage(exception.getCommandLine().getErr());
      return USAGE_OR_INPUT_ERROR;
    });
    return commandLine;
  }
}
