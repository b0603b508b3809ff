package dev.bulwark.policy.engine;

import java.util.List;

/**
 * What one policy says about one object: violated (with violations) or not evaluated (with the
 * reason, e.g. "needs image data"). Policies that pass are not reported.
 */
public record PolicyOutcome(
    CompiledPolicy policy, Status status, List<Violation> violations, String reason) {
  public enum Status {
    VIOLATED,
    NOT_EVALUATED
  }

  public PolicyOutcome {
    violations = List.copyOf(violations);
  }

  public static PolicyOutcome violated(CompiledPolicy policy, List<Violation> violations) {
    return new PolicyOutcome(policy, Status.VIOLATED, violations, "");
  }

  public static PolicyOutcome notEvaluated(CompiledPolicy policy, String reason) {
    return new PolicyOutcome(policy, Status.NOT_EVALUATED, List.of(), reason);
  }

  /**
   * The violations no annotation or exception waives: what counts against the object (empty when it
   * is not evaluated, or every violation is waived).
   */
  public List<Violation> unwaived() {
    return violations.stream().filter(violation -> !violation.waived()).toList();
  }
}
