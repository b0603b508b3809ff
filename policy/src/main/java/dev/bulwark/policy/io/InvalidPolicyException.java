package dev.bulwark.policy.io;

import java.util.List;

/** One or more policies are invalid; every problem names the policy, the field and the reason. */
public final class InvalidPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param origin where it is: the file (or text origin) with {@code :line:column} when known
   * @param policy the policy's name; empty for problems outside any policy (such as syntax errors)
   * @param field the field's path in the policy, such as {@code
   *     policySections[0].policyGroups[1].values[0]}; empty when the problem is not about a field
   * @param reason what is wrong and what to do
   */
  public record Problem(String origin, String policy, String field, String reason) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(origin);
      if (!policy.isEmpty()) {
        out.append(": policy \"").append(policy).append('"');
      }
      if (!field.isEmpty()) {
        out.append(": ").append(field);
      }
      return out.append(": ").append(reason).toString();
    }
  }

  private final transient List<Problem> problems;

  public InvalidPolicyException(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    StringBuilder out = new StringBuilder();
    for (Problem problem : problems) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(problem);
    }
    return out.toString();
  }
}
