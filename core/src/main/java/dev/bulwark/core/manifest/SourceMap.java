package dev.bulwark.core.manifest;

/**
 * Maps a field of a parsed object back to where a person wrote it. For plain files that is the file
 * itself; for rendered Helm charts it is the chart template (and line where it can be mapped back);
 * for Kustomize it is the resource file the object came from.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface SourceMap {
  Location locate(FieldPath path);

  /** The identity mapping for an object read straight from {@code file}. */
  static SourceMap direct(String file, Node root) {
    return path -> Location.of(file, path.locate(root));
  }
}
