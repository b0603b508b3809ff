package dev.bulwark.sensor.evaluation;

import java.time.Instant;
import java.util.List;

/**
 * What the sensor's evaluation of one deployment found.
 *
 * @param deployment the deployment
 * @param policyFingerprint the fingerprint of the policy set evaluated with (see {@code
 *     dev.bulwark.sensor.policies.PolicySet})
 * @param violations the policies it violates; empty when it complies
 * @param evaluatedAt when it was evaluated
 */
public record DeploymentVerdict(
    DeploymentRef deployment,
    String policyFingerprint,
    List<PolicyViolation> violations,
    Instant evaluatedAt) {
  public DeploymentVerdict {
    violations = List.copyOf(violations);
  }
}
