package dev.bulwark.core.manifest;

import org.jspecify.annotations.Nullable;

/**
 * Walks test trees by keys (String) and indexes (Integer), failing loudly when a step is missing.
 */
final class Nodes {
  private Nodes() {}

  static Node at(Node root, Object... segments) {
    Node current = root;
    for (Object segment : segments) {
      Node next = step(current, segment);
      if (next == null) {
        throw new AssertionError("no " + segment + " in " + current);
      }
      current = next;
    }
    return current;
  }

  private static @Nullable Node step(Node current, Object segment) {
    if (segment instanceof String key && current instanceof MapNode map) {
      return map.get(key);
    }
    if (segment instanceof Integer index
        && current instanceof ListNode list
        && index < list.size()) {
      return list.get(index);
    }
    return null;
  }

  static MapNode map(Node root, Object... segments) {
    return (MapNode) at(root, segments);
  }

  static ScalarNode scalar(Node root, Object... segments) {
    return (ScalarNode) at(root, segments);
  }
}
