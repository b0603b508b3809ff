package dev.bulwark.sensor.policies;

import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy set and its compiled form, as the sensor evaluates with it.
 *
 * @param set what central sent
 * @param compiled the policies and exceptions of {@code set} that compile
 */
public record ActivePolicies(PolicySet set, CompiledPolicySet compiled) {
  private static final Logger LOG = LoggerFactory.getLogger(ActivePolicies.class);

  /**
   * Compiles a set; a policy or exception that does not compile (central validated them, but this
   * sensor's engine may be older) is left out with a warning rather than stopping every evaluation.
   */
  public static ActivePolicies compile(PolicySet set) {
    try {
      return new ActivePolicies(set, PolicyCompiler.compile(set.policies(), set.exceptions()));
    } catch (InvalidPolicyException e) {
      List<Policy> policies = new ArrayList<>();
      for (Policy policy : set.policies()) {
        try {
          PolicyCompiler.compile(List.of(policy), List.of());
          policies.add(policy);
        } catch (InvalidPolicyException broken) {
          LOG.warn("policy {} is left out of evaluation: {}", policy.id(), broken.getMessage());
        }
      }
      List<PolicyException> exceptions = new ArrayList<>();
      for (PolicyException exception : set.exceptions()) {
        try {
          PolicyCompiler.compile(List.of(), List.of(exception));
          exceptions.add(exception);
        } catch (InvalidPolicyException broken) {
          LOG.warn(
              "exception {} is left out of evaluation: {}", exception.name(), broken.getMessage());
        }
      }
      return new ActivePolicies(set, PolicyCompiler.compile(policies, exceptions));
    }
  }
}
