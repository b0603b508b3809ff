package dev.bulwark.policy.engine;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The compiled policies and exceptions of one {@link PolicyCompiler#compile} call. */
final class PolicyPrograms implements CompiledPolicySet {
  private final List<PolicyProgram> programs;
  private final List<CompiledPolicy> policies;
  private final List<PolicyException> exceptions;

  PolicyPrograms(List<PolicyProgram> programs, List<PolicyException> exceptions) {
    this.programs = List.copyOf(programs);
    this.policies = List.copyOf(programs);
    this.exceptions = List.copyOf(exceptions);
  }

  @Override
  public List<CompiledPolicy> policies() {
    return policies;
  }

  @Override
  public List<PolicyOutcome> evaluate(EvaluationInput input, LifecycleStage stage) {
    return evaluateEach(input, stage, null);
  }

  @Override
  public List<PolicyOutcome> evaluate(
      EvaluationInput input, LifecycleStage stage, Consumer<DeferredOutcome> deferred) {
    return evaluateEach(input, stage, deferred);
  }

  /** With {@code deferred} null, checks judged across the input leave their policy undecided. */
  private List<PolicyOutcome> evaluateEach(
      EvaluationInput input, LifecycleStage stage, @Nullable Consumer<DeferredOutcome> deferred) {
    ObjectEvaluation object = new ObjectEvaluation(input, stage);
    List<PolicyOutcome> outcomes = new ArrayList<>();
    boolean runsPods = object.facts() != null;
    for (PolicyProgram program : programs) {
      // Criteria and per-container checks read workloads only, so a policy with nothing else
      // cannot say anything about other objects.
      if (program.appliesAt(stage) && (runsPods || program.evaluatesEveryObject())) {
        PolicyOutcome outcome = PolicyRun.evaluate(program, object, deferred);
        if (outcome != null) {
          outcomes.add(outcome);
        }
      }
    }
    return List.copyOf(outcomes);
  }

  @Override
  public boolean judgesAcrossInput(LifecycleStage stage) {
    for (PolicyProgram program : programs) {
      if (program.appliesAt(stage) && program.judgesAcrossInput()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<PolicyException> expiredExceptions(Instant now) {
    List<PolicyException> expired = new ArrayList<>();
    for (PolicyException exception : exceptions) {
      if (exception.isExpired(now)) {
        expired.add(exception);
      }
    }
    return List.copyOf(expired);
  }
}
