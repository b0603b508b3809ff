package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.Objects;

/**
 * One init, regular or ephemeral container of a pod, as written.
 *
 * @param node the container's mapping
 * @param path where it is in the object, such as {@code spec.containers[0]}
 */
public record PodContainer(MapNode node, FieldPath path) {
  public PodContainer {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(path, "path");
  }

  /** The container's name; empty when it has none. */
  public String name() {
    return Objects.requireNonNullElse(node.string("name"), "");
  }

  /** The container's {@code securityContext}, or an empty map when absent. */
  public MapNode securityContext() {
    MapNode context = node.map("securityContext");
    return context != null ? context : MapNode.empty(node.position());
  }

  public FieldPath securityContextPath() {
    return path.key("securityContext");
  }
}
