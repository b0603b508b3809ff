package dev.bulwark.detect.build;

import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.util.List;

/**
 * What an image check says about one build policy.
 *
 * @param violations the violations when {@code status} is VIOLATED, waived ones included; else
 *     empty
 * @param reason why the policy is not evaluated; empty for the other statuses
 */
public record PolicyResult(
    Policy policy, Status status, List<ImageViolation> violations, String reason) {
  public enum Status {
    VIOLATED,
    NOT_EVALUATED,
    PASSED
  }

  public PolicyResult {
    violations = List.copyOf(violations);
  }

  public static PolicyResult passed(Policy policy) {
    return new PolicyResult(policy, Status.PASSED, List.of(), "");
  }

  public static PolicyResult notEvaluated(Policy policy, String reason) {
    return new PolicyResult(policy, Status.NOT_EVALUATED, List.of(), reason);
  }

  /** True when the policy has StackRox's build-stage enforcement, FAIL_BUILD_ENFORCEMENT. */
  public boolean enforced() {
    return policy.isEnforcedAt(LifecycleStage.BUILD);
  }

  /** True when the policy is enforced and violated by a violation no waiver covers. */
  public boolean failsBuild() {
    return status == Status.VIOLATED
        && enforced()
        && violations.stream().anyMatch(violation -> !violation.waived());
  }
}
