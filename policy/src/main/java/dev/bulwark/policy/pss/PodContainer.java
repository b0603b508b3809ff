package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.Objects;

/** One init, regular or ephemeral container of a pod, as written. Immutable. */
public final class PodContainer {
  private final MapNode node;
  private final FieldPath path;
  private final String name;
  private final MapNode securityContext;

  /**
   * @param node the container's mapping
   * @param path where it is in the object, such as {@code spec.containers[0]}
   */
  public PodContainer(MapNode node, FieldPath path) {
    this.node = Objects.requireNonNull(node, "node");
    this.path = Objects.requireNonNull(path, "path");
    this.name = Objects.requireNonNullElse(node.string("name"), "");
    this.securityContext = Values.map(node, "securityContext");
  }

  public MapNode node() {
    return node;
  }

  public FieldPath path() {
    return path;
  }

  /** The container's name; empty when it has none. */
  public String name() {
    return name;
  }

  /** The container's {@code securityContext}, or an empty map when absent. */
  public MapNode securityContext() {
    return securityContext;
  }

  public FieldPath securityContextPath() {
    return path.key("securityContext");
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
