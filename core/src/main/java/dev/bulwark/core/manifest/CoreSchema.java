package dev.bulwark.core.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How Kubernetes reads a plain (unquoted, untagged) YAML scalar, so that Bulwark sees exactly the
 * value the API server will store. kubectl and the API server convert YAML to JSON with
 * sigs.k8s.io/yaml, which resolves scalars the YAML 1.1 way (go-yaml v2): {@code yes}, {@code on}
 * and {@code y} are true, {@code no}, {@code off} and {@code n} are false, {@code 0644} is the
 * octal 420, {@code 0b101} is binary, and underscores may group digits. Reading YAML 1.2's stricter
 * core schema instead would let {@code privileged: yes} pass a check while the cluster runs the
 * container privileged.
 *
 * <p>Hand-written scans instead of regular expressions because every scalar of every document goes
 * through here. Stateless and thread-safe.
 */
final class CoreSchema {
  private CoreSchema() {}

  private static final Map<String, Boolean> BOOLEANS = booleans();

  /** The type of a plain scalar: null, boolean, integer, float, or else string. */
  static ScalarNode.Type resolvePlain(String text) {
    if (text.isEmpty()) {
      return ScalarNode.Type.NULL;
    }
    // Dispatch on the first character: this runs for every plain scalar of every document.
    char first = text.charAt(0);
    return switch (first) {
      case '~' -> text.length() == 1 ? ScalarNode.Type.NULL : ScalarNode.Type.STRING;
      case 'n', 'N' -> {
        if (isOneOf(text, "null", "Null", "NULL")) {
          yield ScalarNode.Type.NULL;
        }
        yield booleanValue(text) != null ? ScalarNode.Type.BOOLEAN : ScalarNode.Type.STRING;
      }
      case 'y', 'Y', 't', 'T', 'f', 'F', 'o', 'O' ->
          booleanValue(text) != null ? ScalarNode.Type.BOOLEAN : ScalarNode.Type.STRING;
      case '.', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> resolveNumber(text);
      default -> ScalarNode.Type.STRING;
    };
  }

  /** The value of a YAML 1.1 boolean ({@code true}, {@code yes}, {@code on}, {@code y}, ...). */
  static @Nullable Boolean booleanValue(String text) {
    return text.length() > 5 ? null : BOOLEANS.get(text);
  }

  private static Map<String, Boolean> booleans() {
    Map<String, Boolean> values = new HashMap<>();
    for (String spelling :
        List.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")) {
      values.put(spelling, Boolean.TRUE);
    }
    for (String spelling :
        List.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF")) {
      values.put(spelling, Boolean.FALSE);
    }
    return Map.copyOf(values);
  }

  /**
   * The value of an integer as Kubernetes reads it ({@code 42}, {@code -7}, {@code 1_000}, {@code
   * 0x1F}, {@code 0o17}, {@code 0644} octal, {@code 0b101}), or null when the text is not one or
   * does not fit in a long.
   */
  static @Nullable Long parseInteger(String text) {
    String digits = text.indexOf('_') < 0 ? text : text.replace("_", "");
    if (digits.isEmpty()) {
      return null;
    }
    boolean negative = digits.charAt(0) == '-';
    int start = negative || digits.charAt(0) == '+' ? 1 : 0;
    int radix = 10;
    if (digits.length() > start + 1 && digits.charAt(start) == '0') {
      char mark = digits.charAt(start + 1);
      if (mark == 'x' || mark == 'X') {
        radix = 16;
        start += 2;
      } else if (mark == 'o' || mark == 'O') {
        radix = 8;
        start += 2;
      } else if (mark == 'b' || mark == 'B') {
        radix = 2;
        start += 2;
      } else {
        radix = 8;
        start += 1;
      }
    }
    if (!allDigits(digits, start, radix)) {
      return null;
    }
    try {
      long value = Long.parseLong(digits, start, digits.length(), radix);
      return negative ? -value : value;
    } catch (NumberFormatException outOfRange) {
      return null;
    }
  }

  private static boolean isOneOf(String text, String lower, String capitalized, String upper) {
    return text.equals(lower) || text.equals(capitalized) || text.equals(upper);
  }

  private static boolean endsWithOneOf(
      String text, String lower, String capitalized, String upper) {
    return text.endsWith(lower) || text.endsWith(capitalized) || text.endsWith(upper);
  }

  private static ScalarNode.Type resolveNumber(String text) {
    if (parseInteger(text) != null) {
      return ScalarNode.Type.INTEGER;
    }
    String digits = text.indexOf('_') < 0 ? text : text.replace("_", "");
    int index = digits.charAt(0) == '+' || digits.charAt(0) == '-' ? 1 : 0;
    if (digits.length() - index == 4 && digits.charAt(index) == '.') {
      if (endsWithOneOf(digits, ".inf", ".Inf", ".INF")) {
        return ScalarNode.Type.FLOAT;
      }
      if (index == 0 && endsWithOneOf(digits, ".nan", ".NaN", ".NAN")) {
        return ScalarNode.Type.FLOAT;
      }
    }
    // Digits that are no valid integer (an invalid octal such as 09) still read as a float.
    return isFloat(digits, index) ? ScalarNode.Type.FLOAT : ScalarNode.Type.STRING;
  }

  /** {@code (\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}, from {@code start}. */
  private static boolean isFloat(String text, int start) {
    int length = text.length();
    int index = start;
    int integerDigits = skipDigits(text, index);
    index += integerDigits;
    if (index < length && text.charAt(index) == '.') {
      index++;
      int fractionDigits = skipDigits(text, index);
      index += fractionDigits;
      if (integerDigits == 0 && fractionDigits == 0) {
        return false;
      }
    } else if (integerDigits == 0) {
      return false;
    }
    if (index < length && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
      index++;
      if (index < length && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
        index++;
      }
      int exponentDigits = skipDigits(text, index);
      if (exponentDigits == 0) {
        return false;
      }
      index += exponentDigits;
    }
    return index == length;
  }

  private static int skipDigits(String text, int start) {
    int index = start;
    while (index < text.length() && isDigit(text.charAt(index), 10)) {
      index++;
    }
    return index - start;
  }

  private static boolean allDigits(String text, int start, int radix) {
    for (int index = start; index < text.length(); index++) {
      if (!isDigit(text.charAt(index), radix)) {
        return false;
      }
    }
    return start < text.length();
  }

  private static boolean isDigit(char c, int radix) {
    return switch (radix) {
      case 2 -> c == '0' || c == '1';
      case 8 -> c >= '0' && c <= '7';
      case 16 -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      default -> c >= '0' && c <= '9';
    };
  }
}
