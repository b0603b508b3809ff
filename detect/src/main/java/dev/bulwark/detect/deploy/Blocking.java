package dev.bulwark.detect.deploy;

import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Decides which violations fail a CI run: those of policies enforced at deploy time, and, with
 * {@code --fail-on}, those at or above a severity. Waived violations never block.
 */
public record Blocking(@Nullable Severity failOn) {
  public boolean blocks(Policy policy, boolean waived) {
    if (waived) {
      return false;
    }
    return blocks(policy.severity(), policy.isEnforcedAt(LifecycleStage.DEPLOY));
  }

  /** Whether an unwaived finding of this severity blocks, given whether its policy is enforced. */
  public boolean blocks(Severity severity, boolean enforced) {
    return enforced || (failOn != null && severity.compareTo(failOn) >= 0);
  }
}
