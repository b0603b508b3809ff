package dev.bulwark.policy.check;

import java.util.List;
import java.util.Map;

/**
 * A check implemented in Java. Implementations are stateless; {@link #bind} validates the
 * parameters once and returns the evaluator that policies run.
 *
 * <p>Contract: {@code id} is lower-case kebab-case and unique in the registry; {@code summary} is
 * one sentence that says what violates the check; {@code bind} accepts a map whose keys are a
 * subset of {@link #parameters()} names (the caller rejects other keys) and throws {@link
 * InvalidCheckParameterException} for a value it cannot use, never anything else.
 */
public interface NativeCheck {
  String id();

  String summary();

  /** What the check is evaluated on. */
  Target target();

  List<CheckParameter> parameters();

  CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException;

  /**
   * What a check reads: every container of a workload, every object whatever its kind, or every
   * object compared with the rest of the input.
   */
  enum Target {
    CONTAINERS("each container of a workload"),
    OBJECTS("every object"),
    INPUT("every object, against the other objects of the input");

    private final String description;

    Target(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }
}
