package dev.bulwark.policy.cel;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import dev.cel.common.values.NullValue;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Read-only views of a manifest tree in the shapes CEL evaluates: maps, lists, String, Long,
 * Double, Boolean and CEL's null. Values are converted when a rule reads them, so an object costs
 * nothing up front however many policies with rules look at it, and a rule pays only for the fields
 * it touches. Views are immutable and thread-safe because the tree is.
 */
final class ManifestView {
  private ManifestView() {}

  static Map<String, Object> of(MapNode map) {
    return new MapView(map);
  }

  static Object value(Node node) {
    return switch (node) {
      case MapNode map -> new MapView(map);
      case ListNode list -> new ListView(list);
      case ScalarNode scalar -> scalarValue(scalar);
    };
  }

  // CEL treats a Java null in a map as an unknown value, not as null: `x == null` would then
  // evaluate to neither true nor false.
  private static Object scalarValue(ScalarNode scalar) {
    Object value = scalar.toJava();
    return value == null ? NullValue.NULL_VALUE : value;
  }

  private static final class MapView extends AbstractMap<String, Object> {
    private final MapNode node;

    MapView(MapNode node) {
      this.node = node;
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
      Node value = key instanceof String name ? node.get(name) : null;
      return value == null ? null : value(value);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return key instanceof String name && node.has(name);
    }

    @Override
    public int size() {
      return node.fields().size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Entry<String, MapNode.Field>> fields = node.fields().entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return fields.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Entry<String, MapNode.Field> field = fields.next();
              return new SimpleImmutableEntry<>(field.getKey(), value(field.getValue().value()));
            }
          };
        }

        @Override
        public int size() {
          return node.fields().size();
        }
      };
    }
  }

  private static final class ListView extends AbstractList<Object> implements RandomAccess {
    private final ListNode node;

    ListView(ListNode node) {
      this.node = node;
    }

    @Override
    public Object get(int index) {
      return value(node.get(index));
    }

    @Override
    public int size() {
      return node.size();
    }
  }
}
