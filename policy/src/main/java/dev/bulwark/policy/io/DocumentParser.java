package dev.bulwark.policy.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.manifest.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses policy and exception files into {@link Node} trees that remember the line and column of
 * every value, so that problems can point at what the author wrote.
 *
 * <p>Text whose first non-blank character is <code>{</code> or {@code [} is read as one JSON value;
 * anything else as a YAML 1.2 stream (core schema, so {@code on} and {@code yes} stay strings) of
 * any number of documents; empty documents are left out. Duplicate keys, non-scalar keys, nesting
 * deeper than {@link ReadLimits#maxDepth()} and alias expansion beyond the size of the text are
 * errors. Stateless and thread-safe.
 */
public final class DocumentParser {
  private final ReadLimits limits;
  private final JsonFactory jsonFactory;

  public DocumentParser(ReadLimits limits) {
    this.limits = limits;
    this.jsonFactory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
            .build();
  }

  /**
   * Parses all documents of {@code text}.
   *
   * @param origin names the text in YAML error messages
   * @throws MalformedDocumentException on syntax errors and exceeded limits
   */
  public List<Node> parse(String text, String origin) {
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (content.length() > limits.maxDocumentBytes()) {
      throw new MalformedDocumentException(
          Position.UNKNOWN,
          "the text is larger than " + limits.maxDocumentBytes() + " characters; split it up");
    }
    String start = content.stripLeading();
    if (start.startsWith("{") || start.startsWith("[")) {
      return List.of(parseJson(content));
    }
    return parseYaml(content, origin);
  }

  private Node parseJson(String text) {
    try (JsonParser parser = jsonFactory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MalformedDocumentException(Position.UNKNOWN, "the document is empty");
      }
      Node root = readJson(parser);
      if (parser.nextToken() != null) {
        throw new MalformedDocumentException(
            position(parser.currentTokenLocation()),
            "unexpected content after the end of the JSON value");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new MalformedDocumentException(position(e.getLocation()), e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedDocumentException(Position.UNKNOWN, String.valueOf(e.getMessage()));
    }
  }

  private static Node readJson(JsonParser parser) throws IOException {
    Position position = position(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        Map<String, MapNode.Field> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          Position keyPosition = position(parser.currentTokenLocation());
          parser.nextToken();
          fields.put(key, new MapNode.Field(keyPosition, readJson(parser)));
        }
        yield new MapNode(fields, position);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(readJson(parser));
        }
        yield new ListNode(items, position);
      }
      case VALUE_STRING -> new ScalarNode(parser.getText(), ScalarNode.Type.STRING, position);
      case VALUE_NUMBER_INT -> new ScalarNode(parser.getText(), ScalarNode.Type.INTEGER, position);
      case VALUE_NUMBER_FLOAT -> new ScalarNode(parser.getText(), ScalarNode.Type.FLOAT, position);
      case VALUE_TRUE, VALUE_FALSE ->
          new ScalarNode(parser.getText(), ScalarNode.Type.BOOLEAN, position);
      case VALUE_NULL -> new ScalarNode(null, ScalarNode.Type.NULL, position);
      default ->
          throw new MalformedDocumentException(position, "unexpected JSON token " + token.name());
    };
  }

  private static Position position(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return Position.UNKNOWN;
    }
    return new Position(location.getLineNr(), Math.max(location.getColumnNr(), 0));
  }

  private List<Node> parseYaml(String text, String origin) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(origin)
            .setSchema(new CoreSchema())
            .setMaxAliasesForCollections(limits.maxAliases())
            .setCodePointLimit(Math.max(limits.maxDocumentBytes(), 1))
            .setAllowRecursiveKeys(false)
            .build();
    List<Node> documents = new ArrayList<>();
    try {
      for (org.snakeyaml.engine.v2.nodes.Node document :
          new Compose(settings).composeAllFromString(text)) {
        Node converted = new YamlConverter(text.length()).convert(document, 0);
        if (!(converted instanceof ScalarNode scalar && scalar.isNull())) {
          documents.add(converted);
        }
      }
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      throw new MalformedDocumentException(
          mark.map(DocumentParser::position).orElse(Position.UNKNOWN), yamlReason(e));
    } catch (YamlEngineException e) {
      throw new MalformedDocumentException(Position.UNKNOWN, String.valueOf(e.getMessage()));
    }
    return documents;
  }

  private static String yamlReason(MarkedYamlEngineException e) {
    String context = e.getContext();
    String problem = e.getProblem();
    if (context == null || context.isBlank()) {
      return problem;
    }
    return context + ": " + problem;
  }

  private static Position position(Mark mark) {
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static Position position(org.snakeyaml.engine.v2.nodes.Node node) {
    return node.getStartMark().map(DocumentParser::position).orElse(Position.UNKNOWN);
  }

  /** Converts one YAML document, counting values so that alias expansion cannot explode. */
  private final class YamlConverter {
    private long budget;

    YamlConverter(int textLength) {
      // Without aliases a document holds fewer values than characters; more means expansion.
      this.budget = textLength + 1_000L;
    }

    Node convert(org.snakeyaml.engine.v2.nodes.Node node, int depth) {
      Position position = position(node);
      if (depth > limits.maxDepth()) {
        throw new MalformedDocumentException(
            position, "nesting is deeper than " + limits.maxDepth() + " levels");
      }
      if (--budget < 0) {
        throw new MalformedDocumentException(
            position, "YAML aliases expand the document beyond its size; remove the aliases");
      }
      return switch (node) {
        case MappingNode mapping -> convertMapping(mapping, position, depth);
        case SequenceNode sequence -> {
          List<Node> items = new ArrayList<>(sequence.getValue().size());
          for (org.snakeyaml.engine.v2.nodes.Node item : sequence.getValue()) {
            items.add(convert(item, depth + 1));
          }
          yield new ListNode(items, position);
        }
        case org.snakeyaml.engine.v2.nodes.ScalarNode scalar ->
            new ScalarNode(
                scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue(),
                scalarType(scalar.getTag()),
                position);
        default -> throw new MalformedDocumentException(position, "unsupported YAML node");
      };
    }

    private MapNode convertMapping(MappingNode mapping, Position position, int depth) {
      Map<String, MapNode.Field> fields = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Position keyPosition = position(tuple.getKeyNode());
        if (!(tuple.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode keyNode)) {
          throw new MalformedDocumentException(keyPosition, "keys must be plain text");
        }
        String key = keyNode.getValue();
        MapNode.Field previous = fields.get(key);
        if (previous != null) {
          throw new MalformedDocumentException(
              keyPosition,
              "duplicate key \"" + key + "\" (first written at " + previous.keyPosition() + ")");
        }
        fields.put(key, new MapNode.Field(keyPosition, convert(tuple.getValueNode(), depth + 1)));
      }
      return new MapNode(fields, position);
    }
  }

  private static ScalarNode.Type scalarType(Tag tag) {
    if (tag.equals(Tag.INT)) {
      return ScalarNode.Type.INTEGER;
    } else if (tag.equals(Tag.FLOAT)) {
      return ScalarNode.Type.FLOAT;
    } else if (tag.equals(Tag.BOOL)) {
      return ScalarNode.Type.BOOLEAN;
    } else if (tag.equals(Tag.NULL)) {
      return ScalarNode.Type.NULL;
    }
    return ScalarNode.Type.STRING;
  }
}
