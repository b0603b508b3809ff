package dev.bulwark.policy.engine;

import dev.bulwark.policy.model.LifecycleStage;
import java.util.List;

/**
 * Compiled policies plus the exceptions that waive them. Immutable and thread-safe: build once,
 * evaluate objects from many threads.
 */
public interface CompiledPolicySet {
  List<CompiledPolicy> policies();

  /**
   * Evaluates every enabled policy with {@code stage} against one object. Returns the violated and
   * not-evaluated policies, in policy order; passing policies are omitted.
   */
  List<PolicyOutcome> evaluate(EvaluationInput input, LifecycleStage stage);

  /** Exceptions whose expiry has passed at {@code now}: reported, never applied. */
  List<dev.bulwark.policy.exception.PolicyException> expiredExceptions(java.time.Instant now);
}
