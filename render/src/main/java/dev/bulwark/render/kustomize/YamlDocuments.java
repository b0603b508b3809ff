package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.manifest.ScalarNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the documents of a kustomization's own files (the kustomization, resources and patches)
 * with positions, so rendered fields can point back at them. kubectl has already accepted these
 * files when this runs, so a file that cannot be read simply contributes no documents.
 */
final class YamlDocuments {
  private final ReadLimits limits;

  YamlDocuments(ReadLimits limits) {
    this.limits = limits;
  }

  /** Every document of {@code file} in order; empty when it cannot be read or parsed. */
  List<Node> read(Path file) {
    try {
      if (Files.size(file) > limits.maxFileBytes()) {
        return List.of();
      }
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        List<Node> documents = new ArrayList<>();
        for (org.snakeyaml.engine.v2.nodes.Node document :
            new Compose(settings(file)).composeAllFromReader(reader)) {
          documents.add(new Converter(limits.maxDepth()).convert(document, 0));
        }
        return List.copyOf(documents);
      }
    } catch (IOException | YamlEngineException | TooDeepException e) {
      return List.of();
    }
  }

  private LoadSettings settings(Path file) {
    return LoadSettings.builder()
        .setLabel(file.toString())
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(limits.maxAliases())
        .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
        .build();
  }

  /** Nesting beyond the depth limit, or a recursive alias. */
  private static final class TooDeepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooDeepException() {
      super(null, null, false, false);
    }
  }

  /**
   * Converts one document. Aliased nodes are converted once and shared, so alias bombs cost no more
   * than their source text.
   */
  private static final class Converter {
    private final int maxDepth;
    private final Map<org.snakeyaml.engine.v2.nodes.Node, Node> converted = new IdentityHashMap<>();

    Converter(int maxDepth) {
      this.maxDepth = maxDepth;
    }

    Node convert(org.snakeyaml.engine.v2.nodes.Node node, int depth) {
      if (depth > maxDepth) {
        throw new TooDeepException();
      }
      Node done = converted.get(node);
      if (done != null) {
        return done;
      }
      Node result =
          switch (node) {
            case MappingNode mapping -> map(mapping, depth);
            case SequenceNode sequence -> list(sequence, depth);
            case org.snakeyaml.engine.v2.nodes.ScalarNode scalar -> scalar(scalar);
            default -> ScalarNode.of("", position(node));
          };
      converted.put(node, result);
      return result;
    }

    private MapNode map(MappingNode mapping, int depth) {
      Map<String, MapNode.Field> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        org.snakeyaml.engine.v2.nodes.Node key = tuple.getKeyNode();
        String name =
            key instanceof org.snakeyaml.engine.v2.nodes.ScalarNode scalar
                ? scalar.getValue()
                : String.valueOf(key);
        fields.put(
            name, new MapNode.Field(position(key), convert(tuple.getValueNode(), depth + 1)));
      }
      return new MapNode(fields, position(mapping));
    }

    private ListNode list(SequenceNode sequence, int depth) {
      List<Node> items = new ArrayList<>();
      for (org.snakeyaml.engine.v2.nodes.Node item : sequence.getValue()) {
        items.add(convert(item, depth + 1));
      }
      return new ListNode(items, position(sequence));
    }

    private static ScalarNode scalar(org.snakeyaml.engine.v2.nodes.ScalarNode scalar) {
      Tag tag = scalar.getTag();
      ScalarNode.Type type;
      if (tag.equals(Tag.NULL)) {
        type = ScalarNode.Type.NULL;
      } else if (tag.equals(Tag.BOOL)) {
        type = ScalarNode.Type.BOOLEAN;
      } else if (tag.equals(Tag.INT)) {
        type = ScalarNode.Type.INTEGER;
      } else if (tag.equals(Tag.FLOAT)) {
        type = ScalarNode.Type.FLOAT;
      } else {
        type = ScalarNode.Type.STRING;
      }
      return new ScalarNode(scalar.getValue(), type, position(scalar));
    }

    private static Position position(org.snakeyaml.engine.v2.nodes.Node node) {
      return node.getStartMark()
          .map((Mark mark) -> new Position(mark.getLine() + 1, mark.getColumn() + 1))
          .orElse(Position.UNKNOWN);
    }
  }
}
