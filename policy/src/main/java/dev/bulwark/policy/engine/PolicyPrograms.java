package dev.bulwark.policy.engine;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    ObjectEvaluation object = new ObjectEvaluation(input, stage);
    List<PolicyOutcome> outcomes = new ArrayList<>();
    for (PolicyProgram program : programs) {
      if (program.appliesAt(stage)) {
        PolicyOutcome outcome = PolicyRun.evaluate(program, object);
        if (outcome != null) {
          outcomes.add(outcome);
        }
      }
    }
    return List.copyOf(outcomes);
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
