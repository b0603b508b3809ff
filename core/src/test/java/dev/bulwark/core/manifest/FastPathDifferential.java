package dev.bulwark.core.manifest;

import dev.bulwark.core.manifest.DocumentSplitter.DocumentSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs both YAML paths over a text, slice by slice, and reports any slice where the fast path
 * produced a tree that differs from snakeyaml's, or produced one where snakeyaml fails.
 */
final class FastPathDifferential {
  /** What one text gave: slices tried, slices the fast path gave up on, and any differences. */
  record Outcome(int slices, int givenUp, List<String> differences) {}

  private final ReadLimits limits;
  private final YamlDocumentParser snakeyaml;

  FastPathDifferential(ReadLimits limits) {
    this.limits = limits;
    this.snakeyaml = new YamlDocumentParser(limits);
  }

  Outcome compare(String name, String text) {
    int slices = 0;
    int givenUp = 0;
    List<String> differences = new ArrayList<>();
    for (DocumentSlice slice : DocumentSplitter.split(text)) {
      slices++;
      Node fast = BlockYamlParser.parse(text, slice, limits);
      if (fast == null) {
        givenUp++;
        continue;
      }
      String where = name + " (document at line " + (slice.lineOffset() + 1) + ")";
      List<Node> documents = new ArrayList<>();
      List<ManifestError> errors = new ArrayList<>();
      ManifestSource source = ManifestSource.TextSource.direct(name, text);
      try {
        snakeyaml.parse(
            text, slice, ObjectCollector.raw(source, new ErrorList(errors), documents::add));
      } catch (InputException e) {
        differences.add(where + ": fast path built a tree, snakeyaml fails: " + e.getMessage());
        continue;
      }
      if (documents.size() != 1 || !errors.isEmpty()) {
        differences.add(where + ": snakeyaml read " + documents.size() + " documents " + errors);
        continue;
      }
      String difference = difference(documents.get(0), fast, "$");
      if (difference != null) {
        differences.add(where + ": " + difference);
      }
    }
    return new Outcome(slices, givenUp, differences);
  }

  /** The first difference between two trees, or null when they are equal in every detail. */
  static @Nullable String difference(Node expected, Node actual, String path) {
    if (!expected.position().equals(actual.position())) {
      return path + " at " + actual.position() + ", snakeyaml says " + expected.position();
    }
    return switch (expected) {
      case ScalarNode scalar -> scalarDifference(scalar, actual, path);
      case ListNode list -> listDifference(list, actual, path);
      case MapNode map -> mapDifference(map, actual, path);
    };
  }

  private static @Nullable String scalarDifference(ScalarNode expected, Node actual, String path) {
    if (actual instanceof ScalarNode scalar
        && scalar.type() == expected.type()
        && java.util.Objects.equals(scalar.text(), expected.text())) {
      return null;
    }
    if (actual instanceof ScalarNode scalar && scalar.text() != null && expected.text() != null) {
      // Long texts differ late: show both from where they part.
      String mine = scalar.text();
      String theirs = expected.text();
      int same = 0;
      while (same < mine.length()
          && same < theirs.length()
          && mine.charAt(same) == theirs.charAt(same)) {
        same++;
      }
      int from = Math.max(0, same - 10);
      return path
          + " is "
          + scalar.type()
          + " "
          + Messages.quote(mine.substring(from))
          + ", snakeyaml says "
          + expected.type()
          + " "
          + Messages.quote(theirs.substring(from))
          + " (from index "
          + from
          + ")";
    }
    return path + " is " + describe(actual) + ", snakeyaml says " + describe(expected);
  }

  private static @Nullable String listDifference(ListNode expected, Node actual, String path) {
    if (!(actual instanceof ListNode list) || list.size() != expected.size()) {
      return path + " is " + describe(actual) + ", snakeyaml says " + describe(expected);
    }
    for (int index = 0; index < list.size(); index++) {
      String difference =
          difference(expected.get(index), list.get(index), path + "[" + index + "]");
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  private static @Nullable String mapDifference(MapNode expected, Node actual, String path) {
    if (!(actual instanceof MapNode map)
        || !List.copyOf(map.keys()).equals(List.copyOf(expected.keys()))) {
      return path + " is " + describe(actual) + ", snakeyaml says " + describe(expected);
    }
    for (Map.Entry<String, MapNode.Field> entry : expected.fields().entrySet()) {
      MapNode.Field field = java.util.Objects.requireNonNull(map.fields().get(entry.getKey()));
      String child = path + "." + entry.getKey();
      if (!field.keyPosition().equals(entry.getValue().keyPosition())) {
        return child
            + " key at "
            + field.keyPosition()
            + ", snakeyaml says "
            + entry.getValue().keyPosition();
      }
      String difference = difference(entry.getValue().value(), field.value(), child);
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  private static String describe(Node node) {
    return switch (node) {
      case ScalarNode scalar -> scalar.type() + " " + Messages.quote(String.valueOf(scalar.text()));
      case ListNode list -> "a list of " + list.size();
      case MapNode map -> "a map " + map.keys();
    };
  }

  private record ErrorList(List<ManifestError> errors) implements ManifestSink {
    @Override
    public void object(ManifestObject object) {}

    @Override
    public void error(ManifestError error) {
      errors.add(error);
    }
  }
}
