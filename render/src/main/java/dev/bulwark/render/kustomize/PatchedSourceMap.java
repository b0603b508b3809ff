package dev.bulwark.render.kustomize;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.core.manifest.SourceMap;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Maps the fields of one rendered object to its resource file, or to a patch file where a patch
 * wrote the field.
 *
 * <p>A path is resolved in the resource document and in each patch as deep as it exists there. The
 * deepest resolution wins; on a tie the resource wins, unless a patch holds the whole path with a
 * different scalar value (it overrode the value). So a field a patch added points at the patch, and
 * a field nobody wrote points at its closest parent in the resource file.
 *
 * <p>List items are matched by their {@code name} when the rendered item has one, since Kustomize
 * merges containers, ports and volumes by name; otherwise by index.
 */
record PatchedSourceMap(MapNode renderedRoot, SourceDocument resource, List<SourceDocument> patches)
    implements SourceMap {
  PatchedSourceMap {
    Objects.requireNonNull(renderedRoot, "renderedRoot");
    Objects.requireNonNull(resource, "resource");
    patches = List.copyOf(patches);
  }

  /** How far a path resolved in one source document. */
  private record Resolution(Position position, int depth, boolean complete, Node node) {}

  @Override
  public Location locate(FieldPath path) {
    SourceDocument best = resource;
    Resolution bestResolution = resolve(path, resource.root());
    for (SourceDocument patch : patches) {
      Resolution resolution = resolve(path, patch.root());
      if (resolution.depth() > bestResolution.depth()
          || (resolution.complete()
              && resolution.depth() == bestResolution.depth()
              && overrides(resolution.node(), bestResolution.node()))) {
        best = patch;
        bestResolution = resolution;
      }
    }
    return Location.of(best.file(), bestResolution.position());
  }

  private static boolean overrides(Node patched, Node previous) {
    return patched instanceof ScalarNode scalar
        && !(previous instanceof ScalarNode written
            && Objects.equals(scalar.text(), written.text()));
  }

  private Resolution resolve(FieldPath path, MapNode source) {
    Node rendered = renderedRoot;
    Node current = source;
    Position position = source.position();
    int depth = 0;
    for (Object segment : path.segments()) {
      Node next = null;
      Position nextPosition = position;
      if (segment instanceof String key && current instanceof MapNode map && map.has(key)) {
        next = map.get(key);
        nextPosition = map.keyPosition(key);
      } else if (segment instanceof Integer index && current instanceof ListNode list) {
        int sourceIndex = sourceIndex(list, index, rendered);
        if (sourceIndex >= 0) {
          next = list.get(sourceIndex);
          nextPosition = next.position();
        }
      }
      if (next == null) {
        break;
      }
      rendered = child(rendered, segment);
      current = next;
      position = nextPosition;
      depth++;
    }
    return new Resolution(position, depth, depth == path.segments().size(), current);
  }

  /** The source item that corresponds to rendered item {@code index}, or -1. */
  private static int sourceIndex(ListNode source, int index, @Nullable Node rendered) {
    String name =
        rendered instanceof ListNode list
                && index < list.size()
                && list.get(index) instanceof MapNode item
            ? item.string("name")
            : null;
    if (name == null) {
      return index < source.size() ? index : -1;
    }
    for (int candidate = 0; candidate < source.size(); candidate++) {
      if (source.get(candidate) instanceof MapNode item && name.equals(item.string("name"))) {
        return candidate;
      }
    }
    return -1;
  }

  private static @Nullable Node child(@Nullable Node node, Object segment) {
    if (segment instanceof String key && node instanceof MapNode map) {
      return map.get(key);
    }
    if (segment instanceof Integer index && node instanceof ListNode list && index < list.size()) {
      return list.get(index);
    }
    return null;
  }
}
