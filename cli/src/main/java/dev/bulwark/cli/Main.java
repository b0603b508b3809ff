package dev.bulwark.cli;

import dev.bulwark.cli.check.CheckCommand;
import dev.bulwark.cli.policy.PolicyCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code bulwark} command. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {CheckCommand.class, PolicyCommand.class},
    description = "Kubernetes-native security: policy checks for manifests, images and clusters.")
public final class Main implements Runnable {
  /** Exit code when nothing blocks. */
  public static final int OK = 0;

  /** Exit code when at least one blocking finding was reported. */
  public static final int POLICY_FAILURE = 1;

  /** Exit code for usage or input errors. */
  public static final int USAGE_OR_INPUT_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExitCodeExceptionMapper(exception -> USAGE_OR_INPUT_ERROR);
    commandLine.setParameterExceptionHandler((exception, args) -> {
      exception.getCommandLine().getErr().println("bulwark: " + exception.getMessage());
      exception.getCommandLine().usage(exception.getCommandLine().getErr());
      return USAGE_OR_INPUT_ERROR;
    });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version Maven wrote into the jar. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/bulwark-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  /** Prints the version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"bulwark " + version()};
    }
  }
}
