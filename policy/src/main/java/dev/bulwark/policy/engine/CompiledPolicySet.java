package dev.bulwark.policy.engine;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Compiled policies plus the exceptions that waive them. Immutable and thread-safe: build once,
 * evaluate objects from many threads.
 */
public interface CompiledPolicySet {
  List<CompiledPolicy> policies();

  /**
   * Evaluates every enabled policy with {@code stage} against one object. Returns the violated and
   * not-evaluated policies, in policy order; passing policies are omitted. Checks that compare the
   * object with the rest of the input cannot be judged from one object: a policy left with only
   * those to decide is not evaluated, with that reason.
   */
  List<PolicyOutcome> evaluate(EvaluationInput input, LifecycleStage stage);

  /**
   * Like {@link #evaluate(EvaluationInput, LifecycleStage)} for one object of a whole input: what
   * checks compare with the rest of the input is handed to {@code deferred} (at most one outcome
   * per policy, in policy order), to be judged with {@link DeferredOutcome#judge} once every object
   * has been read into an {@link dev.bulwark.core.context.InputIndex}.
   */
  List<PolicyOutcome> evaluate(
      EvaluationInput input, LifecycleStage stage, Consumer<DeferredOutcome> deferred);

  /**
   * True when an enabled policy with {@code stage} has checks judged across the input: only then
   * does a caller need to build an input index.
   */
  boolean judgesAcrossInput(LifecycleStage stage);

  /** Exceptions whose expiry has passed at {@code now}: reported, never applied. */
  List<PolicyException> expiredExceptions(Instant now);
}
