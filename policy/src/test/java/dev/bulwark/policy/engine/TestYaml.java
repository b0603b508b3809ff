package dev.bulwark.policy.engine;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ReadLimits;
import java.util.List;

/** Test-only YAML reader: text to a position-carrying {@link Node} tree (1-based lines). */
public final class TestYaml {
  private TestYaml() {}

  private static final String FILE = "test.yaml";

  public static ManifestObject object(String yaml) {
    return ManifestObject.direct(map(yaml), FILE, 0);
  }

  public static MapNode map(String yaml) {
    List<Node> documents = documents(yaml);
    if (documents.isEmpty() || !(documents.get(0) instanceof MapNode root)) {
      throw new IllegalArgumentException("test YAML is not a mapping");
    }
    return root;
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
