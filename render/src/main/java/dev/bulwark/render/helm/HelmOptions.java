package dev.bulwark.render.helm;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How every chart is rendered, as {@code helm template} would with the same flags.
 *
 * @param releaseName the release name templates see as {@code .Release.Name}
 * @param namespace the namespace templates see as {@code .Release.Namespace}; null for Helm's
 *     default
 * @param valuesFiles values files in order, later ones overriding earlier ones ({@code --values});
 *     relative paths are resolved against the working directory of the renderer
 * @param setValues {@code key=value} overrides applied after the values files, in order ({@code
 *     --set}); keys may be dotted paths such as {@code image.tag}
 */
public record HelmOptions(
    String releaseName,
    @Nullable String namespace,
    List<Path> valuesFiles,
    List<String> setValues) {
  /** No values files, no overrides, release {@code release} in Helm's default namespace. */
  public static final HelmOptions DEFAULT = new HelmOptions("release", null, List.of(), List.of());

  /**
   * @throws IllegalArgumentException if a {@code setValues} entry is not {@code key=value} with a
   *     non-empty key
   */
  public HelmOptions {
    valuesFiles = List.copyOf(valuesFiles);
    setValues = List.copyOf(setValues);
    for (String set : setValues) {
      if (set.indexOf('=') <= 0) {
        throw new IllegalArgumentException(
            "--set expects key=value (for example image.tag=1.2.3), got: " + set);
      }
    }
  }

  /** The default release with the given {@code --values} files and {@code --set} overrides. */
  public static HelmOptions of(List<Path> valuesFiles, List<String> setValues) {
    return new HelmOptions(DEFAULT.releaseName(), null, valuesFiles, setValues);
  }
}
