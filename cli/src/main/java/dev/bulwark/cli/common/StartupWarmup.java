package dev.bulwark.cli.common;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.cel.CelRuleSet;
import java.util.Arrays;

/**
 * Loads the built-in pack on a background thread while the main thread parses the command line, and
 * prepares CEL the same way when the command reads policy files or a kube-linter configuration
 * (only users' policies and custom checks can have CEL rules: the built-in pack uses native checks,
 * so a default run never starts CEL). All of it is pure static initialization, so the main thread
 * simply finds it done (or waits on the class initialization lock for the rest).
 */
public final class StartupWarmup {
  private StartupWarmup() {}

  /** Starts the warm-up that the command in {@code args} benefits from. */
  public static void start(String... args) {
    boolean readsPolicyFiles =
        Arrays.stream(args)
                .anyMatch(
                    arg -> arg.startsWith("--policies") || arg.startsWith("--kube-linter-config"))
            || (args.length > 1 && args[0].equals("policy") && args[1].equals("validate"));
    if (readsPolicyFiles) {
      // CEL's runtime is the longest piece, so it gets a thread of its own.
      background("bulwark-warmup-cel-runtime", CelRuleSet::prepareRuntime);
    }
    boolean usesPack = !Arrays.asList(args).contains("--no-defaults");
    background(
        "bulwark-warmup",
        () -> {
          if (usesPack) {
            BuiltinPolicies.all();
          }
          if (readsPolicyFiles) {
            CelRuleSet.prepareCompiler();
          }
        });
  }

  private static void background(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }
}
