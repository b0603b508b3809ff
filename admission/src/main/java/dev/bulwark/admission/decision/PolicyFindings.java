package dev.bulwark.admission.decision;

import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.model.Policy;
import java.util.List;

/** What one violated policy found in the object: its unwaived violations, in order. */
public record PolicyFindings(Policy policy, List<Violation> violations) {
  public PolicyFindings {
    violations = List.copyOf(violations);
  }
}
