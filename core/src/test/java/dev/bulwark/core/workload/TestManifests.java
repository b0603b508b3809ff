package dev.bulwark.core.workload;

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
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

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
    LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).build();
    List<ManifestObject> out = new ArrayList<>();
    for (org.snakeyaml.engine.v2.nodes.Node document :
        new Compose(settings).composeAllFromString(yaml)) {
      if (convert(document) instanceof MapNode root) {
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

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node node) {
    Position position = position(node);
    if (node instanceof MappingNode mapping) {
      Map<String, MapNode.Field> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        org.snakeyaml.engine.v2.nodes.Node key = tuple.getKeyNode();
        String name =
            key instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar
                ? scalar.getValue()
                : key.toString();
        fields.put(name, new MapNode.Field(position(key), convert(tuple.getValueNode())));
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
    if (tag.equals(Tag.NULL)) {
      return ScalarNode.Type.NULL;
    }
    return ScalarNode.Type.STRING;
  }

  private static Position position(org.snakeyaml.engine.v2.nodes.Node node) {
    return node.getStartMark()
        .map((Mark mark) -> new Position(mark.getLine() + 1, mark.getColumn() + 1))
        .orElse(Position.UNKNOWN);
  }
}
