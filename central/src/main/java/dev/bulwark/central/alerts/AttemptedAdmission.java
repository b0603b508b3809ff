package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.util.List;

/**
 * An admission request a cluster's admission controller denied, as its sensor reports it.
 *
 * @param object the denied object ({@link AlertSubject#uid()} is empty when it had none yet)
 * @param admission the request
 * @param at when it was denied
 * @param violations the policies it violated, with central's names and severities where central
 *     knows the policy
 */
public record AttemptedAdmission(
    AlertSubject object, Alert.Admission admission, Instant at, List<Violation> violations) {
  public AttemptedAdmission {
    violations = List.copyOf(violations);
  }

  /** One violated policy. */
  public record Violation(
      String policyId, String policyName, Severity severity, List<String> messages) {
    public Violation {
      messages = List.copyOf(messages);
    }
  }
}
