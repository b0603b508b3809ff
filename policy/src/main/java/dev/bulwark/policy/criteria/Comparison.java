package dev.bulwark.policy.criteria;

import java.util.Locale;

/**
 * A StackRox comparator value such as {@code >= 7} or {@code <IMPORTANT}: an optional operator
 * ({@code <}, {@code >}, {@code <=}, {@code >=}; absent means equals) and its operand text.
 */
record Comparison(Operator operator, String operand) {
  enum Operator {
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    EQUAL;

    /** Whether {@code actual compared to expected} (a {@code compareTo} result) satisfies this. */
    boolean holds(int comparison) {
      return switch (this) {
        case LESS -> comparison < 0;
        case LESS_OR_EQUAL -> comparison <= 0;
        case GREATER -> comparison > 0;
        case GREATER_OR_EQUAL -> comparison >= 0;
        case EQUAL -> comparison == 0;
      };
    }
  }

  static Comparison parse(String text) {
    String trimmed = text.trim();
    Operator operator = Operator.EQUAL;
    int length = 0;
    if (trimmed.startsWith("<=")) {
      operator = Operator.LESS_OR_EQUAL;
      length = 2;
    } else if (trimmed.startsWith(">=")) {
      operator = Operator.GREATER_OR_EQUAL;
      length = 2;
    } else if (trimmed.startsWith("<")) {
      operator = Operator.LESS;
      length = 1;
    } else if (trimmed.startsWith(">")) {
      operator = Operator.GREATER;
      length = 1;
    }
    String operand = trimmed.substring(length).trim();
    if (operand.isEmpty()) {
      throw new IllegalArgumentException("\"" + text + "\" has an operator but nothing to compare");
    }
    return new Comparison(operator, operand.toUpperCase(Locale.ROOT));
  }
}
