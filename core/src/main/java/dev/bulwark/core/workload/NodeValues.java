package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lenient readers for values of the wrong type or out of range: such values count as absent. */
final class NodeValues {
  private NodeValues() {}

  /** The value as an int, or null when absent, not an integer or outside the int range. */
  static @Nullable Integer integer(@Nullable MapNode map, String key) {
    Long value = map == null ? null : map.integer(key);
    if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      return null;
    }
    return value.intValue();
  }

  static int integerOrZero(MapNode map, String key) {
    Integer value = integer(map, key);
    return value == null ? 0 : value;
  }

  static boolean isTrue(MapNode map, String key) {
    return Boolean.TRUE.equals(map.bool(key));
  }

  /** The text of a scalar that is neither null nor blank, else null. */
  static @Nullable String text(@Nullable MapNode map, String key) {
    String value = map == null ? null : map.string(key);
    return value == null || value.isBlank() ? null : value;
  }

  /** The scalar items of a list value, as text; other items are skipped. */
  static List<String> strings(@Nullable MapNode map, String key) {
    return map == null ? List.of() : map.strings(key);
  }

  /** Follows a chain of map keys; null as soon as one is missing or not a map. */
  static @Nullable MapNode map(@Nullable MapNode map, String... keys) {
    MapNode current = map;
    for (String key : keys) {
      if (current == null) {
        return null;
      }
      current = current.map(key);
    }
    return current;
  }
}
