package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import org.jspecify.annotations.Nullable;

/** Navigation in an object's node tree, for checks that read fields the workload view omits. */
final class Nodes {
  private Nodes() {}

  /** The node at {@code path} below {@code root}, or null when some step is missing. */
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

  /** The map at {@code path}, or null when it is missing or not a map. */
  static @Nullable MapNode mapAt(Node root, FieldPath path) {
    return at(root, path) instanceof MapNode map ? map : null;
  }
}
