package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Lenient readers: values of the wrong type, blank or out of range count as absent. */
final class ContextValues {
  private ContextValues() {}

  /** The object's namespace, {@code default} when unset, as for workloads. */
  static String namespace(ManifestObject object) {
    String namespace = text(object.metadata(), "namespace");
    return namespace == null ? "default" : namespace;
  }

  static @Nullable String text(@Nullable MapNode map, String key) {
    String value = map == null ? null : map.string(key);
    return value == null || value.isBlank() ? null : value;
  }

  static @Nullable Integer integer(@Nullable MapNode map, String key) {
    Long value = map == null ? null : map.integer(key);
    if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      return null;
    }
    return value.intValue();
  }

  static List<String> strings(@Nullable MapNode map, String key) {
    if (map == null) {
      return List.of();
    }
    List<Node> items = map.list(key);
    List<String> out = new ArrayList<>(items.size());
    for (Node item : items) {
      if (item instanceof ScalarNode scalar && scalar.asText() != null) {
        out.add(scalar.asText());
      }
    }
    return out;
  }

  static List<MapNode> maps(@Nullable MapNode map, String key) {
    if (map == null) {
      return List.of();
    }
    List<Node> items = map.list(key);
    List<MapNode> out = new ArrayList<>(items.size());
    for (Node item : items) {
      if (item instanceof MapNode child) {
        out.add(child);
      }
    }
    return out;
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
