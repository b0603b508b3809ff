package dev.bulwark.core.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A mapping with string keys, in source order. Keys that are not strings in the source are kept by
 * their text. Duplicate keys never reach this type: readers reject them.
 */
public final class MapNode implements Node {
  /** One entry: where its key was written and its value. */
  public record Field(Position keyPosition, Node value) {}

  private final Map<String, Field> fields;
  private final Position position;

  public MapNode(Map<String, Field> fields, Position position) {
    this(new LinkedHashMap<>(fields), position);
  }

  /**
   * A map node over {@code fields} itself, without a copy: for readers that build the map and hand
   * it over, never to change it again (a copy per map was a tenth of the reader's allocation).
   */
  static MapNode adopt(LinkedHashMap<String, Field> fields, Position position) {
    return new MapNode(fields, position);
  }

  private MapNode(LinkedHashMap<String, Field> fields, Position position) {
    this.fields = Collections.unmodifiableMap(fields);
    this.position = position;
  }

  public static MapNode empty(Position position) {
    return new MapNode(Map.of(), position);
  }

  @Override
  public Position position() {
    return position;
  }

  public Map<String, Field> fields() {
    return fields;
  }

  public Set<String> keys() {
    return fields.keySet();
  }

  public boolean has(String key) {
    return fields.containsKey(key);
  }

  public @Nullable Node get(String key) {
    Field field = fields.get(key);
    return field == null ? null : field.value();
  }

  /** Where the key was written, or this map's own position when absent. */
  public Position keyPosition(String key) {
    Field field = fields.get(key);
    return field == null ? position : field.keyPosition();
  }

  /** The value as text when it is a non-null scalar, else null. */
  public @Nullable String string(String key) {
    return get(key) instanceof ScalarNode scalar ? scalar.asText() : null;
  }

  public @Nullable Boolean bool(String key) {
    return get(key) instanceof ScalarNode scalar ? scalar.asBoolean() : null;
  }

  public @Nullable Long integer(String key) {
    return get(key) instanceof ScalarNode scalar ? scalar.asLong() : null;
  }

  public @Nullable MapNode map(String key) {
    return get(key) instanceof MapNode map ? map : null;
  }

  /** The items of a list value; empty when absent or not a list. */
  public List<Node> list(String key) {
    return get(key) instanceof ListNode list ? list.items() : List.of();
  }

  /** The scalar items of a list value, as text; other items are skipped; empty when absent. */
  public List<String> strings(String key) {
    List<Node> items = list(key);
    List<String> out = new ArrayList<>(items.size());
    for (Node item : items) {
      if (item instanceof ScalarNode scalar && scalar.asText() != null) {
        out.add(scalar.asText());
      }
    }
    return out;
  }

  /** The map items of a list value; other items are skipped; empty when absent. */
  public List<MapNode> maps(String key) {
    List<Node> items = list(key);
    List<MapNode> out = new ArrayList<>(items.size());
    for (Node item : items) {
      if (item instanceof MapNode map) {
        out.add(map);
      }
    }
    return out;
  }

  /** A map of string to string, such as labels; non-scalar values are skipped. */
  public Map<String, String> stringMap(String key) {
    MapNode map = map(key);
    if (map == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.fields.forEach((k, field) -> {
      if (field.value() instanceof ScalarNode scalar && scalar.asText() != null) {
        out.put(k, scalar.asText());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  @Override
  public Map<String, @Nullable Object> toJava() {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    fields.forEach((k, field) -> out.put(k, field.value().toJava()));
    return out;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MapNode that
        && fields.equals(that.fields)
        && position.equals(that.position);
  }

  @Override
  public int hashCode() {
    return fields.hashCode() * 31 + position.hashCode();
  }

  @Override
  public String toString() {
    return "MapNode" + fields.keySet() + "@" + position;
  }
}
