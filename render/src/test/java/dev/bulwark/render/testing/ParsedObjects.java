package dev.bulwark.render.testing;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ReadLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for core's manifest reader in render tests: parses a text source's YAML documents into
 * trees with 1-based positions (key positions for map entries) and applies the source's {@code
 * sourceMaps} exactly as the reader's contract says.
 */
public final class ParsedObjects {
  private ParsedObjects() {}

  /** Every mapping document of {@code source}, mapped back through its source maps. */
  public static List<ManifestObject> read(TextSource source) {
    List<ManifestObject> objects = new ArrayList<>();
    int documentIndex = 0;
    List<Node> documents =
        new ManifestReader(ReadLimits.DEFAULT)
            .readDocuments(
                TextSource.direct(source.displayName(), source.text()),
                new ManifestSink() {
                  @Override
                  public void object(ManifestObject object) {}

                  @Override
                  public void error(ManifestError error) {
                    throw new IllegalArgumentException("rendered YAML does not parse: " + error);
                  }
                });
    for (Node document : documents) {
      if (document instanceof MapNode root) {
        ManifestObject direct = ManifestObject.direct(root, source.displayName(), documentIndex);
        objects.add(
            new ManifestObject(
                root, source.displayName(), documentIndex, source.sourceMaps().apply(direct)));
      }
      documentIndex++;
    }
    return objects;
  }

  /** The one object of {@code kind} in {@code objects}. */
  public static ManifestObject only(List<ManifestObject> objects, String kind) {
    List<ManifestObject> matching =
        objects.stream().filter(object -> object.kind().equals(kind)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + kind + " but found " + matching);
    }
    return matching.get(0);
  }
}
