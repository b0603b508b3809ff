package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ReadLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns inline YAML into manifest objects for tests, with 1-based positions, independently of the
 * production reader.
 */
public final class TestManifests {
  private static final String FILE = "test.yaml";

  private TestManifests() {}

  /** The single object of a one-document text. */
  public static ManifestObject object(String yaml) {
    List<ManifestObject> objects = objects(yaml);
    if (objects.size() != 1) {
      throw new IllegalArgumentException("expected one document, got " + objects.size());
    }
    return objects.getFirst();
  }

  /** Every document of a multi-document text, in order. */
  public static List<ManifestObject> objects(String yaml) {
    List<ManifestObject> out = new ArrayList<>();
    for (Node document : documents(yaml)) {
      if (document instanceof MapNode root) {
        out.add(ManifestObject.direct(root, FILE, out.size()));
      }
    }
    return out;
  }

  /** The workload view of a one-document text that must have one. */
  public static Workload workload(String yaml) {
    return WorkloadExtractor.extract(object(yaml))
        .orElseThrow(() -> new AssertionError("no pod spec found"));
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
