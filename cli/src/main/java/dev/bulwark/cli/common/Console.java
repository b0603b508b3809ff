package dev.bulwark.cli.common;

/** Facts about the terminal the CLI writes to. */
public final class Console {
  private Console() {}

  /** True when standard output is an interactive terminal and NO_COLOR is not set. */
  public static boolean colourOnStandardOutput() {
    java.io.Console console = System.console();
    return console != null && console.isTerminal() && System.getenv("NO_COLOR") == null;
  }
}
