package dev.bulwark.central.detect;

import dev.bulwark.detect.build.BuildPolicy;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Central's enabled policies with the BUILD stage, planned and compiled for an image check the way
 * {@code bulwark image check} compiles them: only their criteria take part, since rules and native
 * checks read Kubernetes objects. Immutable.
 *
 * @param plans every enabled BUILD-stage policy, in store order
 * @param compiled the criteria of the plans, compiled with the exceptions in force
 */
record BuildPolicies(List<BuildPolicy> plans, CompiledPolicySet compiled) {
  BuildPolicies {
    plans = List.copyOf(plans);
  }

  /**
   * The BUILD-stage policies among {@code enabled}, compiled with {@code exceptions}.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException when a policy does not compile
   */
  static BuildPolicies compile(List<Policy> enabled, List<PolicyException> exceptions) {
    List<BuildPolicy> plans =
        enabled.stream().filter(BuildPolicy::appliesAtBuild).map(BuildPolicy::of).toList();
    List<Policy> criteria = new ArrayList<>();
    for (BuildPolicy plan : plans) {
      Policy view = plan.criteria();
      if (view != null) {
        criteria.add(view);
      }
    }
    return new BuildPolicies(plans, PolicyCompiler.compile(criteria, exceptions));
  }
}
