package dev.bulwark.policy.io;

import java.util.List;

/** One or more policies are invalid; every problem names the policy, the field and the reason. */
public final class InvalidPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One problem: {@code origin} is the file (and policy index) it came from. */
  public record Problem(String origin, String policy, String field, String reason) {
    @Override
    public String toString() {
      return origin + ": policy \"" + policy + "\": " + field + ": " + reason;
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
