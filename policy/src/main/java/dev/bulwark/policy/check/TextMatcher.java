package dev.bulwark.policy.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A text parameter that is an RE2 regular expression matching the whole text, or, with a leading
 * {@code !}, every text it does not match. Unset or empty matches every text. Immutable.
 */
final class TextMatcher {
  static final TextMatcher ANY = new TextMatcher("", null, false);

  private final String source;
  private final @Nullable Pattern pattern;
  private final boolean negated;

  private TextMatcher(String source, @Nullable Pattern pattern, boolean negated) {
    this.source = source;
    this.pattern = pattern;
    this.negated = negated;
  }

  static TextMatcher compile(String parameter, @Nullable String value)
      throws InvalidCheckParameterException {
    if (value == null || value.isEmpty()) {
      return ANY;
    }
    boolean negated = value.startsWith("!");
    String expression = negated ? value.substring(1) : value;
    try {
      return new TextMatcher(value, Pattern.compile(expression, Pattern.DOTALL), negated);
    } catch (PatternSyntaxException e) {
      throw new InvalidCheckParameterException(
          parameter,
          "\"" + expression + "\" is not a valid RE2 regular expression: " + e.getDescription());
    }
  }

  boolean matches(String text) {
    return pattern == null || pattern.matches(text) != negated;
  }

  boolean matchesAny() {
    return pattern == null;
  }

  /** The expression as the policy wrote it, {@code !} included. */
  String source() {
    return source;
  }
}
