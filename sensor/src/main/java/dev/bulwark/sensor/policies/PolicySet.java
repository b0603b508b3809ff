package dev.bulwark.sensor.policies;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.Policy;
import java.util.List;

/**
 * The policies central enforces for this cluster (its enabled policies) and the exceptions in
 * force, as the sensor last received them from central or read them from its disk cache.
 *
 * @param fingerprint central's fingerprint of the set: equal fingerprints mean equal sets
 * @param policies the enabled policies
 * @param exceptions the exceptions in force
 */
public record PolicySet(
    String fingerprint, List<Policy> policies, List<PolicyException> exceptions) {
  public PolicySet {
    policies = List.copyOf(policies);
    exceptions = List.copyOf(exceptions);
  }
}
