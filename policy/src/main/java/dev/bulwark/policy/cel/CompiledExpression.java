package dev.bulwark.policy.cel;

import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checked and planned CEL expression. Immutable and thread-safe.
 *
 * @param readsContainer the expression reads the {@code container} variable
 * @param source the expression's text, to turn the runtime's offsets into line:column
 */
record CompiledExpression(CelRuntime.Program program, boolean readsContainer, CelSource source) {
  // The runtime reports "evaluation error at <description>:<offset>: <message>".
  private static final Pattern OFFSET_PREFIX =
      Pattern.compile("^evaluation error at [^:]*:(\\d+): (.*)$", Pattern.DOTALL);

  /**
   * Evaluates the expression; a failure, whatever its cause, is a {@link CelEvaluationException}
   * whose message {@link #describe} makes readable.
   */
  Object evaluate(CelVariableResolver variables) throws CelEvaluationException {
    try {
      return program.eval(variables);
    } catch (RuntimeException e) {
      // A rule is user input run by a library: no failure inside the runtime may end the scan.
      throw new CelEvaluationException("failed inside the CEL runtime: " + e, e);
    }
  }

  /** The failure's message with the position in the expression as line:column. */
  String describe(CelEvaluationException failure) {
    String message = String.valueOf(failure.getMessage());
    Matcher matcher = OFFSET_PREFIX.matcher(message);
    if (!matcher.matches()) {
      return message;
    }
    String cause = withoutFinalPeriod(matcher.group(2));
    String reason = cause + hint(cause);
    Optional<CelSourceLocation> location =
        source.getOffsetLocation(Integer.parseInt(matcher.group(1)));
    return location
        .map(place -> place.getLine() + ":" + (place.getColumn() + 1) + ": " + reason)
        .orElse(reason);
  }

  private static String withoutFinalPeriod(String reason) {
    return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
  }

  private static String hint(String reason) {
    if (reason.contains("is not present in map")) {
      return " (test optional fields with has() before reading them)";
    }
    if (reason.contains("Iteration budget exceeded")) {
      return " (one evaluation may run at most "
          + CelEnvironment.ITERATION_LIMIT
          + " comprehension iterations)";
    }
    return "";
  }

  /** How a value's type is called in CEL, for messages about a result of the wrong type. */
  static String typeName(Object value) {
    return switch (value) {
      case Boolean b -> "bool";
      case Long l -> "int";
      case Double d -> "double";
      case String s -> "string";
      case Map<?, ?> m -> "map";
      case List<?> l -> "list";
      case NullValue n -> "null";
      default -> value.getClass().getSimpleName();
    };
  }
}
