package dev.bulwark.policy.criteria;

import java.util.Map;

/**
 * A {@code key=value} pair of regular expressions, an empty side matching anything; used by label
 * and annotation criteria and by scopes. Immutable and thread-safe.
 *
 * @param source the value as written, for messages
 */
public record KeyValuePattern(TextPattern key, TextPattern value, String source) {
  /**
   * Parses {@code key=value}; a value without {@code =} constrains the key only.
   *
   * @throws IllegalArgumentException when both sides are empty or a side is not a valid regex
   */
  public static KeyValuePattern parse(String text) {
    int equals = text.indexOf('=');
    String key = equals < 0 ? text : text.substring(0, equals);
    String value = equals < 0 ? "" : text.substring(equals + 1);
    if (key.isEmpty() && value.isEmpty()) {
      throw new IllegalArgumentException("expected key=value with at least one side set");
    }
    return of(key, value);
  }

  /** Both sides as separate expressions; an empty side matches anything. */
  public static KeyValuePattern of(String key, String value) {
    return new KeyValuePattern(
        TextPattern.compileOptional(key), TextPattern.compileOptional(value), key + "=" + value);
  }

  /** True when some entry of the map matches both sides. */
  public boolean presentIn(Map<String, String> entries) {
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      if (matches(entry.getKey(), entry.getValue())) {
        return true;
      }
    }
    return false;
  }

  public boolean matches(String entryKey, String entryValue) {
    return key.matches(entryKey) && value.matches(entryValue);
  }
}
