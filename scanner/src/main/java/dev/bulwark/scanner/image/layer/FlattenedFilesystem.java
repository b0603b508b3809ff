package dev.bulwark.scanner.image.layer;

import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The filesystem an image's layers produce once applied in order, whiteouts included. The index
 * (path to the layer entry that last wrote it) is built on first use by reading every layer's
 * headers; file content is read from its layer on demand. Symbolic links are resolved only inside
 * the image root. Thread-safe.
 */
public final class FlattenedFilesystem {
  private final Image image;
  private final LayerReader reader;
  private @Nullable Index index;

  /** The merged view of an image's layers, read with the given reader's limits. */
  public FlattenedFilesystem(Image image, LayerReader reader) {
    this.image = image;
    this.reader = reader;
  }

  /**
   * A path of the final filesystem.
   *
   * @param entry the entry that last wrote the path
   * @param layerIndex the layer holding that entry
   * @param contentPath where the content is stored in {@code contentLayer}: the path itself, or a
   *     hard link's target
   * @param contentLayer the layer holding the content
   */
  public record Node(LayerEntry entry, int layerIndex, String contentPath, int contentLayer) {
    /** The node's normalised path. */
    public String path() {
      return entry.path();
    }

    /** Whether the node has readable content (a file, or a hard link to one). */
    public boolean isFile() {
      return entry.type() == EntryType.FILE || entry.type() == EntryType.HARDLINK;
    }
  }

  /** Every path of the final filesystem, sorted. */
  public Collection<Node> nodes() {
    return Collections.unmodifiableCollection(index().nodes.values());
  }

  /** Notes about entries skipped while reading layers or links that could not be resolved. */
  public synchronized List<String> notes() {
    return List.copyOf(index().notes);
  }

  /** The node at a path, without following a symbolic link at the path itself or its parents. */
  public Optional<Node> lookup(String path) {
    String normalised = EntryPaths.confine("", path).path();
    return Optional.ofNullable(index().nodes.get(normalised));
  }

  /**
   * The node a path leads to, following symbolic links in every segment, confined to the image root
   * ({@code /..} stays at {@code /}; absolute targets start at the image root). Empty when the path
   * does not exist or when more than {@code maxSymlinkHops} links were followed (a loop); such
   * loops are recorded in {@link #notes()}.
   */
  public Optional<Node> resolve(String path) {
    Index current = index();
    Deque<String> remaining = new ArrayDeque<>(segments(path));
    List<String> resolved = new ArrayList<>();
    int hops = 0;
    while (!remaining.isEmpty()) {
      String segment = remaining.removeFirst();
      String candidate = join(resolved, segment);
      Node node = current.nodes.get(candidate);
      if (node == null && remaining.isEmpty()) {
        return Optional.empty();
      }
      // A parent without its own entry is an implicit directory (layers may omit them).
      if (node == null || node.entry().type() != EntryType.SYMLINK) {
        resolved.add(segment);
        continue;
      }
      if (++hops > reader.limits().maxSymlinkHops()) {
        note(
            "gave up resolving '"
                + path
                + "': more than "
                + reader.limits().maxSymlinkHops()
                + " symbolic links (a loop?)");
        return Optional.empty();
      }
      String base = String.join("/", resolved);
      String target = node.entry().linkTarget() == null ? "" : node.entry().linkTarget();
      EntryPaths.Resolved next = EntryPaths.confine(base, target);
      List<String> nextSegments = segments(next.path());
      for (int i = nextSegments.size() - 1; i >= 0; i--) {
        remaining.addFirst(nextSegments.get(i));
      }
      resolved.clear();
    }
    return Optional.ofNullable(current.nodes.get(String.join("/", resolved)));
  }

  /**
   * The content of the file a path leads to (symbolic links and hard links followed).
   *
   * @throws ImageException when the path is missing or not a file, or the file exceeds the file
   *     size limit
   */
  public byte[] read(String path) {
    Node node =
        resolve(path)
            .filter(Node::isFile)
            .orElseThrow(
                () -> new ImageException("no file '" + path + "' in image " + image.reference()));
    Map<String, byte[]> contents = new HashMap<>();
    readFiles(
        candidate -> candidate.path().equals(node.path()),
        (found, content) -> contents.put(found.path(), content.readAllBytes()));
    byte[] content = contents.get(node.path());
    if (content == null) {
      throw new ImageException(
          "file '" + path + "' vanished from layer " + node.contentLayer() + " while reading");
    }
    return content;
  }

  /** Receives the content of final-state files. */
  @FunctionalInterface
  public interface ContentVisitor {
    /** One file; the stream is valid only during the call and capped at the file size limit. */
    void file(Node node, InputStream content) throws IOException;
  }

  /**
   * Reads the content of every final-state file accepted by the filter, reading each layer that
   * holds one once. Files arrive grouped by layer, in archive order.
   */
  public void readFiles(Predicate<Node> filter, ContentVisitor visitor) {
    Map<Integer, Map<String, List<Node>>> byLayer = new TreeMap<>();
    for (Node node : index().nodes.values()) {
      if (node.isFile() && filter.test(node)) {
        byLayer
            .computeIfAbsent(node.contentLayer(), key -> new HashMap<>())
            .computeIfAbsent(node.contentPath(), key -> new ArrayList<>())
            .add(node);
      }
    }
    for (Map.Entry<Integer, Map<String, List<Node>>> layer : byLayer.entrySet()) {
      Map<String, List<Node>> wanted = layer.getValue();
      reader.read(
          image.layers().get(layer.getKey()),
          (entry, content) -> {
            List<Node> nodes = entry.type() == EntryType.FILE ? wanted.get(entry.path()) : null;
            if (nodes == null) {
              return;
            }
            if (nodes.size() == 1) {
              visitor.file(nodes.get(0), content);
              return;
            }
            // Hard links share one stored content: buffer it (it is capped) for each of them.
            byte[] bytes = content.readAllBytes();
            for (Node node : nodes) {
              visitor.file(node, new ByteArrayInputStream(bytes));
            }
          });
    }
  }

  private synchronized void note(String message) {
    index().notes.add(message);
  }

  private synchronized Index index() {
    if (index == null) {
      index = build();
    }
    return index;
  }

  private Index build() {
    Index built = new Index();
    for (Layer layer : image.layers()) {
      reader.read(
          layer,
          new LayerVisitor() {
            @Override
            public void entry(LayerEntry entry, InputStream content) {
              built.apply(layer, entry);
            }

            @Override
            public void note(String message) {
              built.notes.add(message);
            }
          });
    }
    return built;
  }

  private static List<String> segments(String path) {
    return Arrays.stream(EntryPaths.confine("", path).path().split("/"))
        .filter(segment -> !segment.isEmpty())
        .toList();
  }

  private static String join(List<String> resolved, String segment) {
    return resolved.isEmpty() ? segment : String.join("/", resolved) + "/" + segment;
  }

  /** The merged index, mutated only while it is built. */
  private static final class Index {
    final NavigableMap<String, Node> nodes = new TreeMap<>();
    final List<String> notes = new ArrayList<>();

    void apply(Layer layer, LayerEntry entry) {
      int index = layer.index();
      switch (entry.type()) {
        case WHITEOUT -> {
          removeLower(entry.path(), index);
          removeDescendants(entry.path(), index);
        }
        case OPAQUE_WHITEOUT -> removeDescendants(entry.path(), index);
        case HARDLINK -> {
          String target = entry.linkTarget() == null ? "" : entry.linkTarget();
          Node linked = nodes.get(target);
          if (linked == null || !linked.isFile()) {
            notes.add(
                layer.describe()
                    + ": ignored hard link '"
                    + entry.path()
                    + "' -> '"
                    + target
                    + "': target is missing or not a file");
            return;
          }
          replace(entry, new Node(entry, index, linked.contentPath(), linked.contentLayer()));
        }
        case DIRECTORY -> {
          Node existing = nodes.get(entry.path());
          if (existing != null && existing.entry().type() != EntryType.DIRECTORY) {
            nodes.remove(entry.path());
          }
          nodes.put(entry.path(), new Node(entry, index, entry.path(), index));
        }
        case FILE, SYMLINK, OTHER -> replace(entry, new Node(entry, index, entry.path(), index));
      }
    }

    /** A non-directory replaces whatever was there, including a directory's whole subtree. */
    private void replace(LayerEntry entry, Node node) {
      removeDescendants(entry.path(), Integer.MAX_VALUE);
      nodes.put(entry.path(), node);
    }

    private void removeLower(String path, int layer) {
      Node existing = nodes.get(path);
      if (existing != null && existing.layerIndex() < layer) {
        nodes.remove(path);
      }
    }

    /** Removes what layers below {@code layer} put under a directory ('0' follows '/'). */
    private void removeDescendants(String directory, int layer) {
      NavigableMap<String, Node> under =
          directory.isEmpty() ? nodes : nodes.subMap(directory + "/", true, directory + "0", false);
      under.values().removeIf(node -> node.layerIndex() < layer);
    }
  }
}
