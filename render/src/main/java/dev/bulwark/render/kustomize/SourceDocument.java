package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.MapNode;

/**
 * An object as written in a resource or patch file of a kustomization.
 *
 * @param name its {@code metadata.name} as written
 * @param renderedName that name after the name prefixes and suffixes of every kustomization that
 *     includes it
 * @param file display path of the file it was read from
 * @param root the object, with positions in {@code file}
 */
record SourceDocument(String kind, String name, String renderedName, String file, MapNode root) {
  /** Whether this document is the source of, or a patch to, the rendered object. */
  boolean matches(String renderedKind, String renderedObjectName) {
    return kind.equals(renderedKind)
        && (renderedName.equals(renderedObjectName)
            || (!name.isEmpty() && renderedObjectName.contains(name)));
  }
}
