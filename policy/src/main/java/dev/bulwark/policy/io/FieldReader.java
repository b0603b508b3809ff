package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.ScalarNode;
import dev.bulwark.core.text.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the fields of one object of a parsed document. Wrong types are reported to the
 * issue sink (with the field's path) and read as absent, so that one reading pass finds every
 * problem.
 *
 * <p>Not thread-safe; use one per object and thread.
 */
public final class FieldReader {
  private final MapNode map;
  private final FieldPath path;
  private final Consumer<FieldIssue> issues;

  private FieldReader(MapNode map, FieldPath path, Consumer<FieldIssue> issues) {
    this.map = map;
    this.path = path;
    this.issues = issues;
  }

  /**
   * Reads {@code map}, reporting problems with paths under {@code path}.
   *
   * @param issues receives every problem found; never called for valid input
   */
  public static FieldReader of(MapNode map, FieldPath path, Consumer<FieldIssue> issues) {
    return new FieldReader(map, path, issues);
  }

  /** A reader of another object that reports to the same sink. */
  public FieldReader reader(MapNode other, FieldPath otherPath) {
    return new FieldReader(other, otherPath, issues);
  }

  /** The path of this object. */
  public FieldPath path() {
    return path;
  }

  /** The path of one of this object's fields. */
  public FieldPath path(String key) {
    return path.key(key);
  }

  public MapNode node() {
    return map;
  }

  /** True when the field is present and not null. */
  public boolean has(String key) {
    return map.get(key) instanceof Node value
        && !(value instanceof ScalarNode scalar && scalar.isNull());
  }

  /** Reports a problem with this object or one of its fields. */
  public void report(FieldPath at, String reason) {
    issues.accept(new FieldIssue(at, reason));
  }

  /** The text of a scalar field; null when absent or null, and reported when not a scalar. */
  public @Nullable String string(String key) {
    Node value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof ScalarNode scalar) {
      return scalar.asText();
    }
    report(path(key), "expected a text value, found " + describe(value));
    return null;
  }

  public String string(String key, String fallback) {
    String value = string(key);
    return value == null ? fallback : value;
  }

  /** A boolean field; false when absent or null, and reported when not {@code true|false}. */
  public boolean bool(String key) {
    Node value = map.get(key);
    if (value == null || (value instanceof ScalarNode scalar && scalar.isNull())) {
      return false;
    }
    if (value instanceof ScalarNode scalar && scalar.asBoolean() instanceof Boolean flag) {
      return flag;
    }
    report(path(key), "expected true or false (unquoted), found " + describe(value));
    return false;
  }

  /** A list of scalars; empty when absent or null. Items that are not scalars are reported. */
  public List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    List<Node> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof ScalarNode scalar && scalar.asText() instanceof String text) {
        out.add(text);
      } else {
        report(path(key).index(i), "expected a text value, found " + describe(item));
      }
    }
    return out;
  }

  /** A nested object; null when absent or null, and reported when not an object. */
  public @Nullable FieldReader object(String key) {
    Node value = map.get(key);
    if (value == null || (value instanceof ScalarNode scalar && scalar.isNull())) {
      return null;
    }
    if (value instanceof MapNode nested) {
      return new FieldReader(nested, path(key), issues);
    }
    report(path(key), "expected an object (key: value pairs), found " + describe(value));
    return null;
  }

  /**
   * A list of objects; empty when absent or null. An item that is not an object is reported and
   * read as an empty object, so that indexes stay those of the document.
   */
  public List<FieldReader> objects(String key) {
    List<FieldReader> out = new ArrayList<>();
    List<Node> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      FieldPath itemPath = path(key).index(i);
      if (item instanceof MapNode nested) {
        out.add(new FieldReader(nested, itemPath, issues));
      } else {
        report(itemPath, "expected an object (key: value pairs), found " + describe(item));
        out.add(new FieldReader(MapNode.empty(item.position()), itemPath, issues));
      }
    }
    return out;
  }

  /** A map of text to text, such as labels; empty when absent. Other values are reported. */
  public Map<String, String> stringMap(String key) {
    FieldReader nested = object(key);
    if (nested == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String entry : nested.map.keys()) {
      String value = nested.string(entry);
      if (value != null) {
        out.put(entry, value);
      }
    }
    return out;
  }

  /** The items of a list field; empty when absent or null, and reported when not a list. */
  public List<Node> items(String key) {
    Node value = map.get(key);
    if (value == null || (value instanceof ScalarNode scalar && scalar.isNull())) {
      return List.of();
    }
    if (value instanceof ListNode list) {
      return list.items();
    }
    report(path(key), "expected a list, found " + describe(value));
    return List.of();
  }

  /** Reports every field not in {@code known}, suggesting the closest known name. */
  public void rejectUnknownFields(Collection<String> known) {
    for (String key : map.keys()) {
      if (!known.contains(key)) {
        report(path(key), unknownField(key, known));
      }
    }
  }

  /**
   * Reports the unknown fields that are so close to a known one that they are most likely typos;
   * other unknown fields are tolerated.
   */
  public void rejectMisspeltFields(Collection<String> known) {
    for (String key : map.keys()) {
      if (!known.contains(key)) {
        Suggestions.closest(key, known)
            .ifPresent(suggestion ->
                report(
                    path(key),
                    "unknown field \"" + key + "\"; did you mean \"" + suggestion + "\"?"));
      }
    }
  }

  private static String unknownField(String key, Collection<String> known) {
    String message = "unknown field \"" + key + "\"";
    return Suggestions.closest(key, known)
        .map(suggestion -> message + "; did you mean \"" + suggestion + "\"?")
        .orElseGet(() -> message + "; expected one of " + String.join(", ", known));
  }

  /** A short description of a value's type for messages. */
  static String describe(Node node) {
    if (node instanceof MapNode) {
      return "an object";
    }
    if (node instanceof ListNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    return switch (scalar.type()) {
      case NULL -> "null";
      case BOOLEAN -> "the boolean " + scalar.text();
      case INTEGER, FLOAT -> "the number " + scalar.text();
      case STRING -> "the text \"" + scalar.text() + "\"";
    };
  }
}
