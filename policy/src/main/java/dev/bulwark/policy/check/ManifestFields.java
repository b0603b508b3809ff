package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import org.jspecify.annotations.Nullable;

/** Reads fields of an object's tree by path, for the settings the workload view does not carry. */
final class ManifestFields {
  private ManifestFields() {}

  /** The node at {@code path}, or null when any step of it is missing or of another type. */
  static @Nullable Node at(Node root, FieldPath path) {
    Node current = root;
    for (Object segment : path.segments()) {
      if (segment instanceof String key && current instanceof MapNode map) {
        current = map.get(key);
      } else if (segment instanceof Integer index
          && current instanceof ListNode list
          && index < list.size()) {
        current = list.get(index);
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** The boolean at {@code path}, or null when it is missing or not a boolean. */
  static @Nullable Boolean bool(Node root, FieldPath path) {
    return at(root, path) instanceof ScalarNode scalar ? scalar.asBoolean() : null;
  }
}
