package dev.bulwark.policy.engine;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.Policy;
import java.util.List;

/** Compiles validated policies and exceptions into an immutable {@link CompiledPolicySet}. */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /**
   * @throws dev.bulwark.policy.io.InvalidPolicyException when a criterion value, regex or CEL
   *     expression does not compile (CEL errors carry the position in the expression)
   */
  public static CompiledPolicySet compile(List<Policy> policies, List<PolicyException> exceptions) {
    throw new UnsupportedOperationException("implemented by the engine feature");
  }
}
