package dev.bulwark.cli.common;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.cel.CelRuleSet;

/**
 * Loads the built-in pack and prepares CEL on a background thread while the main thread parses the
 * command line. Both are pure static initialization, so the main thread simply finds them done (or
 * waits on the class initialization lock for the rest); this takes CEL's start-up off the critical
 * path of a short {@code bulwark check}.
 */
public final class StartupWarmup {
  private StartupWarmup() {}

  public static void start() {
    // CEL's runtime is the longest piece, so it gets a thread of its own; the pack and the CEL
    // compiler share the other.
    background("bulwark-warmup-cel-runtime", CelRuleSet::prepareRuntime);
    background(
        "bulwark-warmup",
        () -> {
          BuiltinPolicies.all();
          CelRuleSet.prepareCompiler();
        });
  }

  private static void background(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }
}
