package dev.bulwark.policy.pss;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one pod at one level and version.
 *
 * @param policy the level and version evaluated, as requested ({@code latest} stays {@code latest})
 * @param failedChecks the checks the pod fails, in the order they run; empty when allowed
 */
public record PodSecurityResult(LevelVersion policy, List<FailedCheck> failedChecks) {
  public PodSecurityResult {
    Objects.requireNonNull(policy, "policy");
    failedChecks = List.copyOf(failedChecks);
  }

  /** Whether admission at this level and version would let the pod in. */
  public boolean allowed() {
    return failedChecks.isEmpty();
  }
}
