package dev.bulwark.policy.criteria;

import java.math.BigDecimal;
import java.util.List;

/** Small helpers for violation messages. */
final class Text {
  private Text() {}

  static String quote(String text) {
    return '"' + text.replace("\"", "\\\"") + '"';
  }

  static String quoteAll(List<String> texts) {
    StringBuilder out = new StringBuilder();
    for (String text : texts) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(quote(text));
    }
    return out.toString();
  }

  /** 0.5, 2, 512: no trailing zeros, no exponent. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }

  static String container(String name) {
    return "Container " + quote(name);
  }
}
