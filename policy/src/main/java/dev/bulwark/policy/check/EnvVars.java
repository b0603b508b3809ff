package dev.bulwark.policy.check;

import dev.bulwark.core.workload.EnvVar;

/** What the workload view's environment variables are. */
final class EnvVars {
  private EnvVars() {}

  /** True for an entry of {@code env}, false for an {@code envFrom} import. */
  static boolean isDeclared(EnvVar variable) {
    return !variable.path().toString().contains("envFrom[");
  }
}
