package dev.bulwark.detect.report;

import java.util.List;

/**
 * What the run found for one Kubernetes object.
 *
 * @param violations findings on this object, waived ones included
 * @param notEvaluated policies that applied but could not be evaluated
 * @param applicablePolicyIds every policy evaluated on this object, whether it passed or not; JUnit
 *     reports one test case for each
 */
public record ObjectResult(
    ObjectRef object,
    List<Finding> violations,
    List<NotEvaluated> notEvaluated,
    List<String> applicablePolicyIds) {
  public ObjectResult {
    violations = List.copyOf(violations);
    notEvaluated = List.copyOf(notEvaluated);
    applicablePolicyIds = List.copyOf(applicablePolicyIds);
  }

  /** Whether there is anything to show for this object beyond having been checked. */
  public boolean hasFindings() {
    return !violations.isEmpty() || !notEvaluated.isEmpty();
  }
}
