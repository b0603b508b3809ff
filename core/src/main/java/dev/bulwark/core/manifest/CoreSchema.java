package dev.bulwark.core.manifest;

import org.jspecify.annotations.Nullable;

/**
 * The YAML 1.2 core schema: which type a plain (unquoted, untagged) scalar has, and the value of
 * its integer forms. Hand-written scans instead of regular expressions because every scalar of
 * every document goes through here.
 *
 * <p>Stateless and thread-safe.
 */
final class CoreSchema {
  private CoreSchema() {}

  /** The type of a plain scalar: null, boolean, integer, float, or else string. */
  static ScalarNode.Type resolvePlain(String text) {
    if (text.isEmpty()) {
      return ScalarNode.Type.NULL;
    }
    return switch (text.charAt(0)) {
      case '~' -> text.length() == 1 ? ScalarNode.Type.NULL : ScalarNode.Type.STRING;
      case 'n', 'N' ->
          isOneOf(text, "null", "Null", "NULL") ? ScalarNode.Type.NULL : ScalarNode.Type.STRING;
      case 't', 'T' ->
          isOneOf(text, "true", "True", "TRUE") ? ScalarNode.Type.BOOLEAN : ScalarNode.Type.STRING;
      case 'f', 'F' ->
          isOneOf(text, "false", "False", "FALSE")
              ? ScalarNode.Type.BOOLEAN
              : ScalarNode.Type.STRING;
      case '.', '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> resolveNumber(text);
      default -> ScalarNode.Type.STRING;
    };
  }

  /**
   * The value of a core-schema integer ({@code 42}, {@code -7}, {@code 0x1F}, {@code 0o17}), or
   * null when the text is not one or does not fit in a long.
   */
  static @Nullable Long parseInteger(String text) {
    try {
      if (text.length() > 2 && text.charAt(0) == '0') {
        char radixMark = text.charAt(1);
        if (radixMark == 'x' && allDigits(text, 2, 16)) {
          return Long.parseLong(text, 2, text.length(), 16);
        }
        if (radixMark == 'o' && allDigits(text, 2, 8)) {
          return Long.parseLong(text, 2, text.length(), 8);
        }
      }
      int digitsStart = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
      if (text.length() > digitsStart && allDigits(text, digitsStart, 10)) {
        return Long.parseLong(text);
      }
      return null;
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
    if (text.length() > 2 && text.charAt(0) == '0') {
      char radixMark = text.charAt(1);
      if (radixMark == 'x') {
        return allDigits(text, 2, 16) ? ScalarNode.Type.INTEGER : ScalarNode.Type.STRING;
      }
      if (radixMark == 'o') {
        return allDigits(text, 2, 8) ? ScalarNode.Type.INTEGER : ScalarNode.Type.STRING;
      }
    }
    int index = 0;
    if (text.charAt(0) == '+' || text.charAt(0) == '-') {
      index = 1;
    }
    if (text.length() - index == 4 && text.charAt(index) == '.') {
      if (endsWithOneOf(text, ".inf", ".Inf", ".INF")) {
        return ScalarNode.Type.FLOAT;
      }
      if (index == 0 && endsWithOneOf(text, ".nan", ".NaN", ".NAN")) {
        return ScalarNode.Type.FLOAT;
      }
    }
    return resolveDecimal(text, index);
  }

  /**
   * {@code [0-9]+} is an integer; {@code (\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?} a float.
   */
  private static ScalarNode.Type resolveDecimal(String text, int start) {
    int length = text.length();
    int index = start;
    int integerDigits = skipDigits(text, index);
    index += integerDigits;
    boolean isFloat = false;
    if (index < length && text.charAt(index) == '.') {
      isFloat = true;
      index++;
      int fractionDigits = skipDigits(text, index);
      index += fractionDigits;
      if (integerDigits == 0 && fractionDigits == 0) {
        return ScalarNode.Type.STRING;
      }
    } else if (integerDigits == 0) {
      return ScalarNode.Type.STRING;
    }
    if (index < length && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
      isFloat = true;
      index++;
      if (index < length && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
        index++;
      }
      int exponentDigits = skipDigits(text, index);
      if (exponentDigits == 0) {
        return ScalarNode.Type.STRING;
      }
      index += exponentDigits;
    }
    if (index != length) {
      return ScalarNode.Type.STRING;
    }
    return isFloat ? ScalarNode.Type.FLOAT : ScalarNode.Type.INTEGER;
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
      case 8 -> c >= '0' && c <= '7';
      case 16 -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      default -> c >= '0' && c <= '9';
    };
  }
}
