package dev.bulwark.render;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestSource;
import java.util.List;

/**
 * What the command-line inputs turned into.
 *
 * @param sources what to read, in input order (directories in sorted order)
 * @param errors inputs that could not be used: missing paths, failed renders, oversized input
 */
public record ResolvedInputs(List<ManifestSource> sources, List<ManifestError> errors) {
  public ResolvedInputs {
    sources = List.copyOf(sources);
    errors = List.copyOf(errors);
  }
}
