package dev.bulwark.policy.cel;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ReadLimits;
import java.util.List;

/** Parses one YAML document into our node tree, standing in for the manifest reader in tests. */
final class TestManifests {
  private static final String FILE = "test.yaml";

  private TestManifests() {}

  static ManifestObject object(String yaml) {
    List<Node> documents = documents(yaml);
    if (documents.isEmpty() || !(documents.get(0) instanceof MapNode root)) {
      throw new IllegalArgumentException("test YAML is not a mapping");
    }
    return ManifestObject.direct(root, FILE, 0);
  }

  private static List<Node> documents(String yaml) {
    return new ManifestReader(ReadLimits.DEFAULT)
        .readDocuments(
            ManifestSource.TextSource.direct(FILE, yaml),
            new ManifestSink() {
              @Override
              public void object(ManifestObject object) {}

              @Override
              public void error(ManifestError error) {
                throw new IllegalArgumentException("test YAML does not parse: " + error);
              }
            });
  }
}
