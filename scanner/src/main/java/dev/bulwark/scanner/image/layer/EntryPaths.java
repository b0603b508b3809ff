package dev.bulwark.scanner.image.layer;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/** Normalises the paths written in tar entries, refusing those that could leave the root. */
final class EntryPaths {
  private EntryPaths() {}

  /**
   * The normalised path of an entry name, or null when the name is absolute or has a {@code ..}
   * segment (traversal attempts are refused, not repaired). {@code ./a//b/} gives {@code a/b};
   * {@code ./} gives {@code ""}.
   */
  static @Nullable String normalise(String name) {
    if (name.startsWith("/") || name.indexOf('\0') >= 0) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    for (String segment : name.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        return null;
      }
      if (!path.isEmpty()) {
        path.append('/');
      }
      path.append(segment);
    }
    return path.toString();
  }

  /**
   * Joins a base directory and a relative or absolute target the way the kernel resolves inside a
   * chroot: absolute targets start at the image root and {@code ..} at the root stays at the root.
   *
   * @return the resolved path and whether {@code ..} tried to climb above the root
   */
  static Resolved confine(String baseDirectory, String target) {
    Deque<String> segments = new ArrayDeque<>();
    boolean clamped = false;
    String combined = target.startsWith("/") ? target : baseDirectory + "/" + target;
    for (String segment : combined.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          clamped = true;
        } else {
          segments.removeLast();
        }
        continue;
      }
      segments.addLast(segment);
    }
    return new Resolved(String.join("/", segments), clamped);
  }

  /** A confined path; {@code clamped} when the target pointed above the root. */
  record Resolved(String path, boolean clamped) {}
}
