package dev.bulwark.core.context;

import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lenient readers: values of the wrong type, blank or out of range count as absent. */
final class ContextValues {
  private ContextValues() {}

  static @Nullable String text(@Nullable MapNode map, String key) {
    String value = map == null ? null : map.string(key);
    return value == null || value.isBlank() ? null : value;
  }

  static @Nullable Integer integer(@Nullable MapNode map, String key) {
    Long value = map == null ? null : map.integer(key);
    if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      return null;
    }
    return value.intValue();
  }

  static List<String> strings(@Nullable MapNode map, String key) {
    return map == null ? List.of() : map.strings(key);
  }

  static List<MapNode> maps(@Nullable MapNode map, String key) {
    return map == null ? List.of() : map.maps(key);
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
