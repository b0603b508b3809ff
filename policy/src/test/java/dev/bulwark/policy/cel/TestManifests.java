package dev.bulwark.policy.cel;

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
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Parses one YAML document into our node tree, standing in for the manifest reader in tests. */
final class TestManifests {
  private static final LoadSettings SETTINGS =
      LoadSettings.builder().setSchema(new CoreSchema()).build();

  private TestManifests() {}

  static ManifestObject object(String yaml) {
    org.snakeyaml.engine.v2.nodes.Node document =
        new Compose(SETTINGS)
            .composeString(yaml)
            .orElseThrow(() -> new IllegalArgumentException("empty YAML"));
    return ManifestObject.direct((MapNode) convert(document), "test.yaml", 0);
  }

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node node) {
    Position position =
        node.getStartMark()
            .map(mark -> new Position(mark.getLine() + 1, mark.getColumn() + 1))
            .orElse(Position.UNKNOWN);
    return switch (node) {
      case MappingNode map -> {
        Map<String, MapNode.Field> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
          org.snakeyaml.engine.v2.nodes.ScalarNode key =
              (org.snakeyaml.engine.v2.nodes.ScalarNode) tuple.getKeyNode();
          Node keyNode = convert(key);
          fields.put(
              key.getValue(), new MapNode.Field(keyNode.position(), convert(tuple.getValueNode())));
        }
        yield new MapNode(fields, position);
      }
      case SequenceNode list -> {
        List<Node> items = new ArrayList<>();
        list.getValue().forEach(item -> items.add(convert(item)));
        yield new ListNode(items, position);
      }
      case org.snakeyaml.engine.v2.nodes.ScalarNode scalar ->
          new ScalarNode(scalar.getValue(), type(scalar.getTag()), position);
      default -> throw new IllegalArgumentException("unsupported YAML node " + node);
    };
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
    if (tag.equals(Tag.NULL)) {
      return ScalarNode.Type.NULL;
    }
    return ScalarNode.Type.STRING;
  }
}
