package dev.bulwark.render.source;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestSource.TextSource;

/** The outcome of rendering one Helm chart or Kustomize directory: its text, or why it failed. */
public sealed interface RenderResult {
  /** The rendered manifests, with a source map back to the files a person wrote. */
  record Rendered(TextSource source) implements RenderResult {}

  /** Rendering failed; {@code error} names the directory and the tool's message. */
  record Failed(ManifestError error) implements RenderResult {}
}
