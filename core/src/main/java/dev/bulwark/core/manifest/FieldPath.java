package dev.bulwark.core.manifest;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A path to a field inside a Kubernetes object, such as {@code
 * spec.template.spec.containers[0].securityContext.privileged}. Immutable; {@link #toString()}
 * renders the dotted form used in reports.
 */
public final class FieldPath {
  public static final FieldPath ROOT = new FieldPath(List.of());

  private final List<Object> segments; // String keys and Integer indexes

  private FieldPath(List<Object> segments) {
    this.segments = List.copyOf(segments);
  }

  public static FieldPath of(String... keys) {
    FieldPath path = ROOT;
    for (String key : keys) {
      path = path.key(key);
    }
    return path;
  }

  public FieldPath key(String key) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(key);
    return new FieldPath(next);
  }

  public FieldPath index(int index) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(index);
    return new FieldPath(next);
  }

  /** Appends every segment of {@code suffix}. */
  public FieldPath resolve(FieldPath suffix) {
    List<Object> next = new ArrayList<>(segments);
    next.addAll(suffix.segments);
    return new FieldPath(next);
  }

  /** The segments: {@link String} for keys, {@link Integer} for list indexes. */
  public List<Object> segments() {
    return segments;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /**
   * The node at this path below {@code root}, or null when a step is missing or of another type.
   */
  public @Nullable Node find(Node root) {
    Node current = root;
    for (Object segment : segments) {
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

  /**
   * The position of the deepest node along this path that exists in {@code root}: the key line for
   * map entries, the item start for list items. A path to a missing field thus points at its
   * closest existing parent (the container that lacks {@code resources}, say), never at line 1.
   */
  public Position locate(Node root) {
    Node current = root;
    Position position = root.position();
    for (Object segment : segments) {
      if (segment instanceof String key && current instanceof MapNode map && map.has(key)) {
        position = map.keyPosition(key);
        current = map.get(key);
      } else if (segment instanceof Integer index
          && current instanceof ListNode list
          && index < list.size()) {
        current = list.get(index);
        position = current.position();
      } else {
        break;
      }
      if (current == null) {
        break;
      }
    }
    return position;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        String key = (String) segment;
        if (isPlain(key)) {
          if (!out.isEmpty()) {
            out.append('.');
          }
          out.append(key);
        } else {
          out.append("['").append(key.replace("'", "\\'")).append("']");
        }
      }
    }
    return out.toString();
  }

  // A key that needs no quoting in the dotted form; a loop, since this runs for every finding.
  private static boolean isPlain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldPath that && segments.equals(that.segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }
}
