package dev.bulwark.core.manifest;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Something the reader can read, possibly more than once (the CLI reads its input twice: first for
 * cross-object context, then to evaluate): a file on disk, or text held in memory (standard input,
 * rendered Helm or Kustomize output).
 */
public sealed interface ManifestSource {
  /** The path shown in reports. */
  String displayName();

  record FileSource(Path path, String displayName) implements ManifestSource {}

  /**
   * In-memory text. {@code sourceMaps} builds the source map of each parsed object, so that
   * rendered objects point back at their templates; use {@link #direct} for plain text.
   */
  record TextSource(String displayName, String text, Function<ManifestObject, SourceMap> sourceMaps)
      implements ManifestSource {
    public static TextSource direct(String displayName, String text) {
      return new TextSource(displayName, text, ManifestObject::sourceMap);
    }
  }
}
