package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.Objects;

/**
 * Reading fields the way the API server decodes them: an absent key and an explicit {@code null}
 * are both unset; a value of the wrong type counts as unset (the API server would refuse it).
 */
final class Values {
  /** Stands in for an absent map; never located, so its position does not matter. */
  static final MapNode EMPTY = MapNode.empty(Position.UNKNOWN);

  private Values() {}

  /** Whether {@code key} holds anything but null, such as {@code hostPath: {}}. */
  static boolean isSet(MapNode map, String key) {
    Node value = map.get(key);
    return value != null && !(value instanceof ScalarNode scalar && scalar.isNull());
  }

  static boolean isTrue(MapNode map, String key) {
    return Boolean.TRUE.equals(map.bool(key));
  }

  /** The text of a scalar, or "" when unset: Go reads a missing string as empty. */
  static String text(MapNode map, String key) {
    return Objects.requireNonNullElse(map.string(key), "");
  }

  /** The map under {@code key}, or an empty one when absent or not a map. */
  static MapNode map(MapNode map, String key) {
    MapNode value = map.map(key);
    return value != null ? value : EMPTY;
  }
}
