package dev.bulwark.policy.exception;

import java.util.List;

/**
 * One or more exception files are invalid; every problem names the file with line and column, the
 * exception, the field and the reason.
 */
public final class InvalidExceptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param origin the file (or text origin) with {@code :line:column} when known
   * @param exception the exception's name; empty for problems outside any exception
   * @param field the field's path in the exception, such as {@code scope.namespaces[0]}; empty when
   *     the problem is not about a field
   * @param reason what is wrong and what to do
   */
  public record Problem(String origin, String exception, String field, String reason) {
    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(origin);
      if (!exception.isEmpty()) {
        out.append(": exception \"").append(exception).append('"');
      }
      if (!field.isEmpty()) {
        out.append(": ").append(field);
      }
      return out.append(": ").append(reason).toString();
    }
  }

  private final transient List<Problem> problems;

  public InvalidExceptionException(List<Problem> problems) {
    super(String.join("\n", problems.stream().map(Problem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
