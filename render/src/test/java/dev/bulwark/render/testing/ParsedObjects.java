package dev.bulwark.render.testing;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

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
    for (org.snakeyaml.engine.v2.nodes.Node document :
        new Compose(LoadSettings.builder().build()).composeAllFromString(source.text())) {
      if (convert(document) instanceof MapNode root) {
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

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node node) {
    Position position = position(node);
    if (node instanceof MappingNode mapping) {
      Map<String, MapNode.Field> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        var key = (org.snakeyaml.engine.v2.nodes.ScalarNode) tuple.getKeyNode();
        fields.put(key.getValue(), new MapNode.Field(position(key), convert(tuple.getValueNode())));
      }
      return new MapNode(fields, position);
    }
    if (node instanceof SequenceNode sequence) {
      return new ListNode(
          sequence.getValue().stream().map(ParsedObjects::convert).toList(), position);
    }
    var scalar = (org.snakeyaml.engine.v2.nodes.ScalarNode) node;
    return ScalarNode.of(scalar.getValue(), position);
  }

  private static Position position(org.snakeyaml.engine.v2.nodes.Node node) {
    return node.getStartMark()
        .map(mark -> new Position(mark.getLine() + 1, mark.getColumn() + 1))
        .orElseThrow();
  }
}
