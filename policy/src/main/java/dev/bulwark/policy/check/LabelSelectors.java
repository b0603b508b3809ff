package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes label selectors as written: {@code matchLabels} and {@code matchExpressions}, all of
 * which must hold. An unknown operator matches nothing, as the API server would reject it.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Whether the selector has neither matchLabels nor matchExpressions. */
  static boolean isEmpty(MapNode selector) {
    return selector.stringMap("matchLabels").isEmpty()
        && selector.maps("matchExpressions").isEmpty();
  }

  static boolean matches(MapNode selector, Map<String, String> labels) {
    for (Map.Entry<String, String> required : selector.stringMap("matchLabels").entrySet()) {
      if (!required.getValue().equals(labels.get(required.getKey()))) {
        return false;
      }
    }
    for (MapNode expression : selector.maps("matchExpressions")) {
      if (!holds(expression, labels)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(MapNode expression, Map<String, String> labels) {
    String key = expression.string("key");
    String operator = expression.string("operator");
    if (key == null || operator == null) {
      return false;
    }
    String value = labels.get(key);
    List<String> values = expression.strings("values");
    return switch (operator) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  /** {@code a=b,c in (d)} style text of a selector, for messages. */
  static String describe(MapNode selector) {
    StringBuilder out = new StringBuilder();
    selector.stringMap("matchLabels").forEach((key, value) -> append(out, key + "=" + value));
    for (MapNode expression : selector.maps("matchExpressions")) {
      append(
          out,
          expression.string("key")
              + " "
              + expression.string("operator")
              + (expression.strings("values").isEmpty()
                  ? ""
                  : " (" + String.join(", ", expression.strings("values")) + ")"));
    }
    return out.toString();
  }

  /**
   * {@code a=b, c=d} text of labels sorted by key (label maps have no stable order), for messages.
   */
  static String describe(Map<String, String> labels) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(labels).forEach((key, value) -> append(out, key + "=" + value));
    return out.isEmpty() ? "none" : out.toString();
  }

  private static void append(StringBuilder out, String item) {
    if (!out.isEmpty()) {
      out.append(", ");
    }
    out.append(item);
  }
}
