package dev.bulwark.policy.criteria;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A string value of a criterion, scope or exception: an RE2 regular expression that must match the
 * whole text, ignoring case (StackRox matches regex criteria case-insensitively, which is why
 * {@code Exposed Port Protocol=tcp} matches Kubernetes' {@code TCP}). Immutable and thread-safe.
 *
 * <p>Evaluation is the hot path and most values are names, prefixes or alternations of them ({@code
 * kube-system}, {@code haproxy-.*}, {@code .*SECRET.*|.*PASSWORD.*}). Such values are matched
 * directly, with the same result RE2 gives ({@code .} matching any character but a line break);
 * every other value, and any text with a line break, goes to RE2.
 */
public final class TextPattern {
  /** Matches every text, including the empty one (an empty key or value side). */
  public static final TextPattern ANY = new TextPattern("", null, null);

  private static final String REGEX_PREFIX = "r/";
  private static final String COMPLEX_METACHARACTERS = "\\[]{}()^$+?";

  private final String source;
  private final @Nullable List<Branch> branches;
  private final @Nullable Pattern regex;

  private TextPattern(String source, @Nullable List<Branch> branches, @Nullable Pattern regex) {
    this.source = source;
    this.branches = branches;
    this.regex = regex;
  }

  /**
   * Compiles a non-blank expression; a leading {@code r/} (StackRox's regex marker, found in some
   * exported policies) is dropped.
   *
   * @throws IllegalArgumentException saying why, when the expression is blank or not valid RE2
   */
  public static TextPattern compile(String value) {
    String expression =
        value.startsWith(REGEX_PREFIX) ? value.substring(REGEX_PREFIX.length()) : value;
    if (expression.isBlank()) {
      throw new IllegalArgumentException("the value must not be blank");
    }
    Pattern regex;
    try {
      regex = Pattern.compile("(?i)(?:" + expression + ")");
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "\"" + expression + "\" is not a valid RE2 regular expression: " + e.getDescription(), e);
    }
    return new TextPattern(expression, Branch.parseAll(expression), regex);
  }

  /** Like {@link #compile} but an empty expression means "any text" (for key=value sides). */
  public static TextPattern compileOptional(String value) {
    return value.isEmpty() ? ANY : compile(value);
  }

  public boolean matches(String text) {
    if (regex == null) {
      return true;
    }
    if (branches != null && text.indexOf('\n') < 0) {
      for (Branch branch : branches) {
        if (branch.matches(text)) {
          return true;
        }
      }
      return false;
    }
    return regex.matcher(text).matches();
  }

  /** The expression as written (without a leading {@code r/}). */
  @Override
  public String toString() {
    return source;
  }

  /**
   * One alternative of a simple expression: text where {@code .} is any character, optionally
   * preceded and/or followed by {@code .*}.
   */
  private record Branch(String text, boolean anyBefore, boolean anyAfter) {
    /** The branches of a simple expression, or null when RE2 must decide. */
    static @Nullable List<Branch> parseAll(String expression) {
      String body = unwrap(expression);
      for (int i = 0; i < body.length(); i++) {
        if (COMPLEX_METACHARACTERS.indexOf(body.charAt(i)) >= 0) {
          return null;
        }
      }
      List<Branch> branches = new ArrayList<>();
      for (String alternative : body.split("\\|", -1)) {
        Branch branch = parse(alternative);
        if (branch == null) {
          return null;
        }
        branches.add(branch);
      }
      return List.copyOf(branches);
    }

    /** "(a|b)" and "(?:a|b)" without inner groups read as "a|b". */
    private static String unwrap(String expression) {
      String inner = expression;
      if (inner.startsWith("(?:") && inner.endsWith(")")) {
        inner = inner.substring(3, inner.length() - 1);
      } else if (inner.startsWith("(") && inner.endsWith(")")) {
        inner = inner.substring(1, inner.length() - 1);
      }
      return inner.indexOf('(') < 0 && inner.indexOf(')') < 0 ? inner : expression;
    }

    private static @Nullable Branch parse(String alternative) {
      boolean anyBefore = alternative.startsWith(".*");
      String rest = anyBefore ? alternative.substring(2) : alternative;
      boolean anyAfter = rest.endsWith(".*");
      if (anyAfter) {
        rest = rest.substring(0, rest.length() - 2);
      }
      return rest.indexOf('*') < 0 ? new Branch(rest, anyBefore, anyAfter) : null;
    }

    boolean matches(String candidate) {
      int room = candidate.length() - text.length();
      if (room < 0) {
        return false;
      }
      if (!anyBefore) {
        return (anyAfter || room == 0) && matchesAt(candidate, 0);
      }
      if (!anyAfter) {
        return matchesAt(candidate, room);
      }
      for (int offset = 0; offset <= room; offset++) {
        if (matchesAt(candidate, offset)) {
          return true;
        }
      }
      return false;
    }

    private boolean matchesAt(String candidate, int offset) {
      for (int i = 0; i < text.length(); i++) {
        char expected = text.charAt(i);
        if (expected != '.' && !sameIgnoringCase(expected, candidate.charAt(offset + i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean sameIgnoringCase(char first, char second) {
      if (first == second) {
        return true;
      }
      char upperFirst = Character.toUpperCase(first);
      char upperSecond = Character.toUpperCase(second);
      return upperFirst == upperSecond
          || Character.toLowerCase(upperFirst) == Character.toLowerCase(upperSecond);
    }
  }
}
