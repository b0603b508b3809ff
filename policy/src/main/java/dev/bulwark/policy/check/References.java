package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the checks about references between objects share: lenient reading of the tree. */
final class References {
  private References() {}

  /** Whether the object is of this kind in this API group ("" for the core group). */
  static boolean is(ManifestObject object, String group, String kind) {
    return object.kind().equals(kind) && object.group().equals(group);
  }

  /** A string value, null when absent, blank or not a string. */
  static @Nullable String text(@Nullable MapNode map, String key) {
    String value = map == null ? null : map.string(key);
    return value == null || value.isBlank() ? null : value;
  }

  /** The non-blank, trimmed items of a comma-separated parameter; empty when unset. */
  static Set<String> commaSeparated(@Nullable String value) {
    Set<String> items = new LinkedHashSet<>();
    if (value != null) {
      for (String item : value.split(",", -1)) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  /** "1 replica", "3 replicas". */
  static String replicas(int count) {
    return count + (count == 1 ? " replica" : " replicas");
  }
}
