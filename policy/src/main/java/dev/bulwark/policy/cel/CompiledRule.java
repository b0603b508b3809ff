package dev.bulwark.policy.cel;

import dev.bulwark.core.manifest.FieldPath;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import org.jspecify.annotations.Nullable;

/**
 * One compiled rule. Immutable and thread-safe.
 *
 * @param message the static message, the fallback when {@code messageExpression} fails
 * @param perContainer the rule reads {@code container} and so runs once per container
 */
record CompiledRule(
    String name,
    String message,
    CompiledExpression condition,
    @Nullable CompiledExpression messageExpression,
    boolean perContainer) {

  /** Runs the rule once, adding a match for {@code path} or an error to {@code outcome}. */
  void evaluate(CelVariableResolver variables, FieldPath path, OutcomeCollector outcome) {
    Object result;
    try {
      result = condition.evaluate(variables);
    } catch (CelEvaluationException e) {
      outcome.error(name, condition.describe(e));
      return;
    }
    if (Boolean.TRUE.equals(result)) {
      outcome.match(new CelMatch(name, message(variables, outcome), path));
    } else if (!Boolean.FALSE.equals(result)) {
      outcome.error(
          name,
          "the expression returned a value of type "
              + CompiledExpression.typeName(result)
              + ", not bool; compare the value explicitly (e.g. `== true`)");
    }
  }

  // A broken message must not hide a violation: the match stays, with the static message.
  private String message(CelVariableResolver variables, OutcomeCollector outcome) {
    if (messageExpression == null) {
      return message;
    }
    try {
      Object value = messageExpression.evaluate(variables);
      if (value instanceof String text) {
        return text;
      }
      outcome.error(
          name,
          "messageExpression returned a value of type "
              + CompiledExpression.typeName(value)
              + ", not string; convert it with string()");
    } catch (CelEvaluationException e) {
      outcome.error(name, "messageExpression: " + messageExpression.describe(e));
    }
    return message;
  }
}
