package dev.bulwark.core.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds one document's {@link Node} tree from parser events (YAML or JSON), with an explicit stack
 * so that deep input cannot overflow the Java stack. Enforces what both formats share: the nesting
 * limit, unique keys, and for YAML the alias limits and merge keys ({@code <<}).
 *
 * <p>An alias reuses the node of its anchor, so trees are graphs without cycles. Each node also has
 * a weight, the number of nodes it would have with every alias expanded; the sum of the weights of
 * all aliases is capped so that alias bombs are refused while they are being read, before anything
 * walks the tree.
 *
 * <p>One instance per document; not thread-safe.
 */
final class TreeAssembler {
  private final ReadLimits limits;
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private int aliases;
  private long aliasWeight;
  private @Nullable Node root;

  TreeAssembler(ReadLimits limits) {
    this.limits = limits;
  }

  void startMap(Position position, @Nullable String anchor) throws InputException {
    push(new MapFrame(position, anchor));
  }

  void startList(Position position, @Nullable String anchor) throws InputException {
    push(new ListFrame(position, anchor));
  }

  /**
   * Adds a scalar, as a key or a value depending on where the document is.
   *
   * @param mayBeMergeKey true for a plain untagged YAML scalar, which is a merge key when its text
   *     is {@code <<} and it stands in key position
   */
  void scalar(ScalarNode scalar, @Nullable String anchor, boolean mayBeMergeKey)
      throws InputException {
    if (anchor != null) {
      anchors.put(anchor, new Anchored(scalar, 1));
    }
    attach(scalar, 1, mayBeMergeKey);
  }

  void alias(String name, Position position) throws InputException {
    Anchored target = anchors.get(name);
    if (target == null) {
      throw new InputException(
          position,
          "alias *"
              + name
              + " refers to no anchor; define &"
              + name
              + " before it (an alias cannot point into the node that contains it)");
    }
    aliases++;
    if (aliases > limits.maxAliases()) {
      throw new InputException(
          position,
          "more than "
              + limits.maxAliases()
              + " aliases in one document; refused as a possible alias bomb (expand the aliases or"
              + " split the document)");
    }
    aliasWeight += target.weight();
    if (aliasWeight > limits.maxAliasExpansion()) {
      throw new InputException(
          position,
          "aliases in this document expand to more than "
              + limits.maxAliasExpansion()
              + " nodes; refused as an alias bomb");
    }
    attach(target.node(), target.weight(), false);
  }

  /** Ends the innermost map or list. */
  void end() throws InputException {
    Frame frame = frames.pop();
    Node node = frame.build();
    if (frame.anchor != null) {
      anchors.put(frame.anchor, new Anchored(node, frame.weight));
    }
    attach(node, frame.weight, false);
  }

  /** True once the root node is finished. */
  boolean isComplete() {
    return root != null && frames.isEmpty();
  }

  Node root() {
    return Objects.requireNonNull(root, "document is not complete");
  }

  private void push(Frame frame) throws InputException {
    if (frames.size() >= limits.maxDepth()) {
      throw new InputException(
          frame.position,
          "nesting deeper than "
              + limits.maxDepth()
              + " levels; refused to protect the reader (flatten the structure)");
    }
    frames.push(frame);
  }

  private void attach(Node node, long weight, boolean mayBeMergeKey) throws InputException {
    Frame parent = frames.peek();
    if (parent == null) {
      root = node;
    } else {
      parent.weight += weight;
      parent.add(node, mayBeMergeKey);
    }
  }

  /** A node that an alias can name, with its expanded size. */
  private record Anchored(Node node, long weight) {}

  private abstract static sealed class Frame permits MapFrame, ListFrame {
    final Position position;
    final @Nullable String anchor;
    long weight = 1;

    Frame(Position position, @Nullable String anchor) {
      this.position = position;
      this.anchor = anchor;
    }

    abstract void add(Node node, boolean mayBeMergeKey) throws InputException;

    abstract Node build();
  }

  private static final class ListFrame extends Frame {
    private final List<Node> items = new ArrayList<>();

    ListFrame(Position position, @Nullable String anchor) {
      super(position, anchor);
    }

    @Override
    void add(Node node, boolean mayBeMergeKey) {
      items.add(node);
    }

    @Override
    Node build() {
      return new ListNode(items, position);
    }
  }

  private static final class MapFrame extends Frame {
    private static final String MERGE_KEY = "<<";

    private final LinkedHashMap<String, MapNode.Field> fields = new LinkedHashMap<>();
    private @Nullable ScalarNode pendingKey;
    private boolean pendingKeyMerges;
    private @Nullable List<MapNode> mergeSources;
    private int mergeIndex;

    MapFrame(Position position, @Nullable String anchor) {
      super(position, anchor);
    }

    @Override
    void add(Node node, boolean mayBeMergeKey) throws InputException {
      ScalarNode key = pendingKey;
      if (key == null) {
        acceptKey(node, mayBeMergeKey);
        return;
      }
      pendingKey = null;
      if (pendingKeyMerges) {
        acceptMergeValue(node);
      } else {
        fields.put(keyText(key), new MapNode.Field(key.position(), node));
      }
    }

    private void acceptKey(Node node, boolean mayBeMergeKey) throws InputException {
      if (!(node instanceof ScalarNode key)) {
        throw new InputException(
            node.position(), "a map or list cannot be a key; keys must be plain text");
      }
      String text = keyText(key);
      boolean merges = mayBeMergeKey && text.equals(MERGE_KEY);
      if (merges && mergeSources != null) {
        throw new InputException(
            key.position(),
            "duplicate merge key <<; merge several maps with one key: << : [*first, *second]");
      }
      MapNode.Field first = fields.get(text);
      if (!merges && first != null) {
        throw new InputException(
            key.position(),
            "duplicate key "
                + Messages.quote(text)
                + " (first at line "
                + first.keyPosition().line()
                + "); remove one of them");
      }
      if (merges) {
        mergeSources = new ArrayList<>();
        mergeIndex = fields.size();
      }
      pendingKey = key;
      pendingKeyMerges = merges;
    }

    private void acceptMergeValue(Node value) throws InputException {
      List<MapNode> sources = Objects.requireNonNull(mergeSources);
      if (value instanceof MapNode map) {
        sources.add(map);
        return;
      }
      if (value instanceof ListNode list) {
        for (Node item : list.items()) {
          if (!(item instanceof MapNode map)) {
            throw mergeValueError(item.position());
          }
          sources.add(map);
        }
        return;
      }
      throw mergeValueError(value.position());
    }

    private static InputException mergeValueError(Position position) {
      return new InputException(
          position,
          "the merge key << needs a map or a list of maps, such as *defaults or [*first,"
              + " *second]");
    }

    @Override
    Node build() {
      List<MapNode> sources = mergeSources;
      if (sources == null || sources.isEmpty()) {
        return MapNode.adopt(fields, position);
      }
      // Merged fields take the place of the << entry; fields written in this map win, and among
      // the merged maps the first one listed wins.
      LinkedHashMap<String, MapNode.Field> merged = new LinkedHashMap<>();
      int index = 0;
      for (Map.Entry<String, MapNode.Field> entry : fields.entrySet()) {
        if (index++ == mergeIndex) {
          addMerged(sources, merged);
        }
        merged.put(entry.getKey(), entry.getValue());
      }
      if (mergeIndex >= fields.size()) {
        addMerged(sources, merged);
      }
      return MapNode.adopt(merged, position);
    }

    private void addMerged(List<MapNode> sources, Map<String, MapNode.Field> target) {
      for (MapNode source : sources) {
        source
            .fields()
            .forEach((key, field) -> {
              if (!fields.containsKey(key)) {
                target.putIfAbsent(key, field);
              }
            });
      }
    }

    private static String keyText(ScalarNode key) {
      return Objects.requireNonNullElse(key.text(), "");
    }
  }
}
