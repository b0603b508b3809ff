package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ReadLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the documents of a kustomization's own files (the kustomization, resources and patches)
 * with positions, so rendered fields can point back at them. kubectl has already accepted these
 * files when this runs, so problems are ignored: a file that cannot be read simply contributes no
 * documents.
 */
final class YamlDocuments {
  private static final ManifestSink IGNORE_PROBLEMS =
      new ManifestSink() {
        @Override
        public void object(ManifestObject object) {}

        @Override
        public void error(ManifestError error) {}
      };

  private final ManifestReader reader;

  YamlDocuments(ReadLimits limits) {
    this.reader = new ManifestReader(limits);
  }

  /** Every document of {@code file} in order. */
  List<Node> read(Path file) {
    return reader.readDocuments(
        new ManifestSource.FileSource(file, file.toString()), IGNORE_PROBLEMS);
  }
}
