package dev.bulwark.cli.check;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Decides which violations fail a CI run: those of policies enforced at deploy time, and, with
 * {@code --fail-on}, those at or above a severity. Waived violations never block.
 */
record Blocking(@Nullable Severity failOn) {
  static boolean enforcedAtDeploy(Policy policy) {
    for (EnforcementAction action : policy.enforcementActions()) {
      if (action.stage() == LifecycleStage.DEPLOY) {
        return true;
      }
    }
    return false;
  }

  boolean blocks(Policy policy, boolean waived) {
    if (waived) {
      return false;
    }
    return enforcedAtDeploy(policy) || (failOn != null && policy.severity().compareTo(failOn) >= 0);
  }
}
