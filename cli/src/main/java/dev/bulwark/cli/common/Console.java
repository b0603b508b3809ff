package dev.bulwark.cli.common;

import java.lang.reflect.Method;

/** Facts about the terminal the CLI writes to. */
public final class Console {
  private Console() {}

  /** True when standard output is an interactive terminal and NO_COLOR is not set. */
  public static boolean colourOnStandardOutput() {
    return interactive() && System.getenv("NO_COLOR") == null;
  }

  /** True when the process runs in an interactive terminal (neither output is redirected). */
  public static boolean interactive() {
    java.io.Console console = System.console();
    return console != null && isTerminal(console);
  }

  // Since JDK 22 System.console() is non-null even when output is redirected; isTerminal() tells
  // the truth but is not in the Java 21 API we compile against, so it is looked up at run time.
  private static boolean isTerminal(java.io.Console console) {
    try {
      Method isTerminal = java.io.Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
