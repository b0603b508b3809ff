package dev.bulwark.policy.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads native check parameters, which policies write as text: numbers, booleans, and lists as
 * comma-separated items. A value that cannot be used is an {@link InvalidCheckParameterException}
 * naming what would do.
 */
final class Parameters {
  private Parameters() {}

  /** The text of a parameter every policy must set. */
  static String required(Map<String, String> values, String name)
      throws InvalidCheckParameterException {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new InvalidCheckParameterException(name, "the parameter is required");
    }
    return value.strip();
  }

  static String text(Map<String, String> values, String name, String whenUnset) {
    return Objects.requireNonNullElse(values.get(name), whenUnset).strip();
  }

  /** A whole number of at least {@code minimum}. */
  static int integer(Map<String, String> values, String name, int whenUnset, int minimum)
      throws InvalidCheckParameterException {
    String value = values.get(name);
    if (value == null) {
      return whenUnset;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= minimum) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value that would do
    }
    throw new InvalidCheckParameterException(
        name, "expected a whole number of at least " + minimum + ", found \"" + value + "\"");
  }

  static boolean bool(Map<String, String> values, String name, boolean whenUnset)
      throws InvalidCheckParameterException {
    String value = values.get(name);
    if (value == null) {
      return whenUnset;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new InvalidCheckParameterException(
              name, "expected true or false, found \"" + value + "\"");
    };
  }

  /** Comma-separated items, stripped; at least one when set. */
  static List<String> list(Map<String, String> values, String name, List<String> whenUnset)
      throws InvalidCheckParameterException {
    String value = values.get(name);
    if (value == null) {
      return whenUnset;
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    if (items.isEmpty()) {
      throw new InvalidCheckParameterException(
          name, "expected a comma-separated list with at least one item, found \"" + value + "\"");
    }
    return List.copyOf(items);
  }
}
