package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import org.jspecify.annotations.Nullable;

/** Reads fields of an object's tree by path, for the settings the workload view does not carry. */
final class ManifestFields {
  private ManifestFields() {}

  /** The boolean at {@code path}, or null when it is missing or not a boolean. */
  static @Nullable Boolean bool(Node root, FieldPath path) {
    return path.find(root) instanceof ScalarNode scalar ? scalar.asBoolean() : null;
  }

  /** The map at {@code path}, or null when it is missing or not a map. */
  static @Nullable MapNode map(Node root, FieldPath path) {
    return path.find(root) instanceof MapNode map ? map : null;
  }
}
