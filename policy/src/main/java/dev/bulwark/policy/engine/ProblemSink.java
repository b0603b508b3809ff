package dev.bulwark.policy.engine;

import dev.bulwark.policy.criteria.KeyValuePattern;
import dev.bulwark.policy.criteria.TextPattern;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Collects compile problems of one policy or exception, naming where each was found. */
final class ProblemSink {
  private final String origin;
  private final String owner;
  private final List<Problem> problems;

  ProblemSink(String origin, String owner, List<Problem> problems) {
    this.origin = origin;
    this.owner = owner;
    this.problems = problems;
  }

  void add(String field, String reason) {
    problems.add(new Problem(origin, owner, field, reason));
  }

  /** Compiles a regex, or records why it does not compile and returns null. */
  @Nullable TextPattern pattern(String value, String field) {
    try {
      return TextPattern.compile(value);
    } catch (IllegalArgumentException e) {
      add(field, reason(e));
      return null;
    }
  }

  /** Compiles a key/value pair of regexes, or records why not and returns null. */
  @Nullable KeyValuePattern keyValue(String key, String value, String field) {
    try {
      return KeyValuePattern.of(key, value);
    } catch (IllegalArgumentException e) {
      add(field, reason(e));
      return null;
    }
  }

  private static String reason(IllegalArgumentException e) {
    return Objects.requireNonNullElse(e.getMessage(), "invalid value");
  }
}
