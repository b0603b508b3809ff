package dev.bulwark.central.detect;

import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.model.Policy;
import java.util.List;

/**
 * Central's enabled policies, compiled for detection. The one place that turns the stored policies
 * into what a check evaluates, so that what else applies to them (such as exceptions) joins here.
 * Immutable.
 *
 * @param compiled the policies compiled with no exceptions
 */
public record EnabledPolicies(CompiledPolicySet compiled) {
  /**
   * Compiles {@code policies}.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException when a policy does not compile
   */
  public static EnabledPolicies compile(List<Policy> policies) {
    return new EnabledPolicies(PolicyCompiler.compile(policies, List.of()));
  }
}
