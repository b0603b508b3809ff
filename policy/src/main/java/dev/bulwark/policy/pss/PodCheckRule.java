package dev.bulwark.policy.pss;

import org.jspecify.annotations.Nullable;

/** The logic of one check at one policy version. Pure and thread-safe. */
@FunctionalInterface
interface PodCheckRule {
  /** Why the pod fails, or null when it passes. */
  @Nullable CheckFailure evaluate(PodDefinition pod);

  /**
   * This rule, except that pods with {@code spec.os.name: windows} pass: the API server already
   * rejects the Linux-only fields it requires on them, so the admission plugin does not ask for
   * them (restricted, from v1.25).
   */
  default PodCheckRule exceptWindowsPods() {
    return pod -> pod.isWindows() ? null : evaluate(pod);
  }

  /**
   * This rule, except that pods with {@code hostUsers: false} pass: in its own user namespace, root
   * and an unmasked /proc do not reach the node (from v1.35).
   */
  default PodCheckRule exceptOwnUserNamespace() {
    return pod -> pod.hasOwnUserNamespace() ? null : evaluate(pod);
  }
}
