package dev.bulwark.detect.report;

import org.jspecify.annotations.Nullable;

/**
 * Identifies a checked Kubernetes object and where it was written.
 *
 * @param namespace null for cluster-scoped objects and objects without a namespace
 * @param file the input file as the user named it, relative where possible
 * @param line the 1-based line the object starts on, 0 when unknown
 */
public record ObjectRef(
    String apiVersion,
    String kind,
    @Nullable String namespace,
    String name,
    String file,
    int line) {
  /** {@code namespace/name}, or just {@code name} when there is no namespace. */
  public String namespacedName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} when there is no namespace. */
  public String qualifiedName() {
    return kind + "/" + namespacedName();
  }
}
