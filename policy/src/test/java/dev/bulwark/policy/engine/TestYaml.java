package dev.bulwark.policy.engine;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.ManifestObject;
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
import org.snakeyaml.engine.v2.nodes.Tag;

/** Test-only YAML reader: text to a position-carrying {@link Node} tree (1-based lines). */
public final class TestYaml {
  private TestYaml() {}

  public static ManifestObject object(String yaml) {
    return ManifestObject.direct(map(yaml), "test.yaml", 0);
  }

  public static MapNode map(String yaml) {
    org.snakeyaml.engine.v2.nodes.Node root =
        new Compose(LoadSettings.builder().build())
            .composeString(yaml)
            .orElseThrow(() -> new IllegalArgumentException("empty YAML"));
    return (MapNode) convert(root);
  }

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node node) {
    Position position = position(node);
    if (node instanceof MappingNode mapping) {
      Map<String, MapNode.Field> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        org.snakeyaml.engine.v2.nodes.ScalarNode key =
            (org.snakeyaml.engine.v2.nodes.ScalarNode) tuple.getKeyNode();
        fields.put(key.getValue(), new MapNode.Field(position(key), convert(tuple.getValueNode())));
      }
      return new MapNode(fields, position);
    }
    if (node instanceof SequenceNode sequence) {
      List<Node> items = new ArrayList<>();
      for (org.snakeyaml.engine.v2.nodes.Node item : sequence.getValue()) {
        items.add(convert(item));
      }
      return new ListNode(items, position);
    }
    org.snakeyaml.engine.v2.nodes.ScalarNode scalar =
        (org.snakeyaml.engine.v2.nodes.ScalarNode) node;
    return new ScalarNode(scalar.getValue(), type(scalar.getTag()), position);
  }

  private static ScalarNode.Type type(Tag tag) {
    if (tag.equals(Tag.INT)) {
      return ScalarNode.Type.INTEGER;
    }
    if (tag.equals(Tag.FLOAT)) {
      return ScalarNode.Type.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return ScalarNode.Type.BOOLEAN;
    }
    return tag.equals(Tag.NULL) ? ScalarNode.Type.NULL : ScalarNode.Type.STRING;
  }

  private static Position position(org.snakeyaml.engine.v2.nodes.Node node) {
    return node.getStartMark()
        .map(mark -> new Position(mark.getLine() + 1, mark.getColumn() + 1))
        .orElse(Position.UNKNOWN);
  }
}
