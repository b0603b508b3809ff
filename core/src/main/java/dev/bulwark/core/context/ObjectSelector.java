package dev.bulwark.core.context;

import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}, all ANDed). An
 * absent or empty selector selects everything; a selector with an unknown operator selects nothing,
 * which Kubernetes would reject anyway. Immutable.
 *
 * @param valid false when an expression lacks a key or has an unknown operator
 */
public record ObjectSelector(
    Map<String, String> matchLabels, List<Requirement> requirements, boolean valid) {
  static final ObjectSelector EVERYTHING = new ObjectSelector(Map.of(), List.of(), true);

  public ObjectSelector {
    matchLabels = Map.copyOf(matchLabels);
    requirements = List.copyOf(requirements);
  }

  /** One {@code matchExpressions} entry. */
  public record Requirement(String key, String operator, Set<String> values) {
    public Requirement {
      values = Set.copyOf(values);
    }

    String describe() {
      String sorted = String.join(",", new TreeSet<>(values));
      return switch (operator) {
        case "In" -> key + " in (" + sorted + ")";
        case "NotIn" -> key + " notin (" + sorted + ")";
        case "DoesNotExist" -> "!" + key;
        default -> key;
      };
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
    }
  }

  /** Reads a {@code LabelSelector}; null (absent) selects everything. */
  public static ObjectSelector parse(@Nullable MapNode selector) {
    if (selector == null) {
      return EVERYTHING;
    }
    List<Requirement> requirements = new ArrayList<>();
    boolean valid = true;
    for (MapNode expression : ContextValues.maps(selector, "matchExpressions")) {
      String key = ContextValues.text(expression, "key");
      String operator = ContextValues.text(expression, "operator");
      if (key == null || operator == null || !isOperator(operator)) {
        valid = false;
      } else {
        requirements.add(
            new Requirement(
                key, operator, Set.copyOf(ContextValues.strings(expression, "values"))));
      }
    }
    return new ObjectSelector(selector.stringMap("matchLabels"), requirements, valid);
  }

  private static boolean isOperator(String operator) {
    return switch (operator) {
      case "In", "NotIn", "Exists", "DoesNotExist" -> true;
      default -> false;
    };
  }

  /** True when the selector requires nothing, so that it selects everything. */
  public boolean isEmpty() {
    return valid && matchLabels.isEmpty() && requirements.isEmpty();
  }

  /**
   * The selector in kubectl's syntax, such as {@code app=web,tier in (back,db),!legacy}: labels in
   * key order, then the expressions as written; {@code <everything>} for an empty selector.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(matchLabels).forEach((key, value) -> parts.add(key + "=" + value));
    for (Requirement requirement : requirements) {
      parts.add(requirement.describe());
    }
    return parts.isEmpty() ? "<everything>" : String.join(",", parts);
  }

  /** Whether pods (or objects) with these labels are selected. */
  public boolean matches(Map<String, String> labels) {
    if (!valid) {
      return false;
    }
    for (Map.Entry<String, String> label : matchLabels.entrySet()) {
      if (!label.getValue().equals(labels.get(label.getKey()))) {
        return false;
      }
    }
    for (Requirement requirement : requirements) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
