package dev.bulwark.policy.engine;

import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles validated policies and exceptions into an immutable {@link CompiledPolicySet}: every
 * regex, comparator, key=value pair and CEL program is prepared once, so evaluation only matches.
 * Thread-safe (stateless).
 */
public final class PolicyCompiler {
  private PolicyCompiler() {}

  /**
   * Compiles every policy and exception, collecting all problems before failing.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException when a criterion value, regex or CEL
   *     expression does not compile; each problem names the policy (or exception), the field path
   *     (such as {@code policySections[0].policyGroups[1].values[0]}) and the reason (CEL errors
   *     carry the position in the expression)
   */
  public static CompiledPolicySet compile(List<Policy> policies, List<PolicyException> exceptions) {
    List<Problem> problems = new ArrayList<>();
    List<ExceptionMatcher> matchers = new ArrayList<>(exceptions.size());
    for (PolicyException exception : exceptions) {
      String origin = exception.file().isEmpty() ? "exception" : exception.file();
      matchers.add(
          ExceptionMatcher.compile(exception, new ProblemSink(origin, exception.name(), problems)));
    }
    List<PolicyProgram> programs = new ArrayList<>(policies.size());
    for (Policy policy : policies) {
      programs.add(PolicyProgram.compile(policy, matchers, problems));
    }
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(problems);
    }
    return new PolicyPrograms(programs, exceptions);
  }
}
