package dev.bulwark.policy.cel;

import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.model.CelRule;
import java.util.List;

/**
 * The compiled CEL rules of one policy. Immutable and thread-safe.
 *
 * <p>Variables: {@code object} (the Kubernetes object as a map), {@code workload} (the workload
 * view as a map; empty for objects that run no pods) and {@code container} (a map; rules whose
 * expression references {@code container} run once per container and do not run for objects without
 * containers).
 */
public final class CelRuleSet {
  public static final CelRuleSet EMPTY = new CelRuleSet();

  private CelRuleSet() {}

  /**
   * Compiles the rules of one policy.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException naming the policy, the field ({@code
   *     rules[i].expression}) and the compiler's message with the position in the expression
   */
  public static CelRuleSet compile(String policyName, List<CelRule> rules) {
    throw new UnsupportedOperationException("implemented by the cel feature");
  }

  public boolean isEmpty() {
    return true;
  }

  public CelOutcome evaluate(EvaluationInput input) {
    throw new UnsupportedOperationException("implemented by the cel feature");
  }
}
