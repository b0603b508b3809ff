package dev.bulwark.cli;

import dev.bulwark.cli.check.CheckCommand;
import dev.bulwark.cli.common.StartupWarmup;
import dev.bulwark.cli.db.DbCommand;
import dev.bulwark.cli.image.ImageCommand;
import dev.bulwark.cli.policy.PolicyCommand;
import dev.bulwark.cli.pss.PssCommand;
import dev.bulwark.cli.sbom.SbomCommand;
import dev.bulwark.cli.version.VersionCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code bulwark} command. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Kubernetes-native security: policy checks for manifests, images and clusters.")
public final class Main implements Runnable {
  /** Exit code when nothing blocks. */
  public static final int OK = 0;

  /** Exit code when at least one blocking finding was reported. */
  public static final int POLICY_FAILURE = 1;

  /** Exit code for usage or input errors. */
  public static final int USAGE_OR_INPUT_ERROR = 2;

  /** Every subcommand, in the order help lists them. */
  private static final List<String> SUBCOMMANDS =
      List.of("check", "pss", "policy", "image", "sbom", "db", "version");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("check") || args[0].equals("policy"))) {
      StartupWarmup.start(args);
    }
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code. */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The command line with every subcommand. */
  static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand, only that
   * subcommand is registered, since picocli builds the model of every registered command by
   * reflection and that is a large part of a short run's start-up.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    boolean versionOnly = first.equals("--version") || first.equals("-V");
    boolean namesSubcommand = SUBCOMMANDS.contains(first);
    for (String name : SUBCOMMANDS) {
      if (!versionOnly && (!namesSubcommand || first.equals(name))) {
        commandLine.addSubcommand(name, subcommand(name));
      }
    }
    commandLine.setExitCodeExceptionMapper(exception -> USAGE_OR_INPUT_ERROR);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      exception.getCommandLine().getErr().println("bulwark: " + exception.getMessage());
      exception.getCommandLine().usage(exception.getCommandLine().getErr());
      return USAGE_OR_INPUT_ERROR;
    });
    return commandLine;
  }

  private static Object subcommand(String name) {
    return switch (name) {
      case "check" -> new CheckCommand();
      case "pss" -> new PssCommand();
      case "policy" -> new PolicyCommand();
      case "image" -> new ImageCommand();
      case "sbom" -> new SbomCommand();
      case "db" -> new DbCommand();
      case "version" -> new VersionCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
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
