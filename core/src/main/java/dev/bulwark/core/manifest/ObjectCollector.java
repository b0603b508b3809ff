package dev.bulwark.core.manifest;

import dev.bulwark.core.manifest.ManifestSource.TextSource;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parsed documents of one source into Kubernetes objects for the sink: checks apiVersion
 * and kind, expands lists, applies the kind filter, and numbers the documents. Documents must be
 * handed over in order. One instance per source read; not thread-safe.
 */
final class ObjectCollector {
  private static final String NOT_AN_OBJECT =
      "skipped: not a Kubernetes object (no apiVersion/kind)";

  private final ManifestSource source;
  private final String file;
  private final Predicate<String> kinds;
  private final ManifestSink sink;
  private final @Nullable Consumer<Node> rawDocuments;
  private int documents;

  ObjectCollector(ManifestSource source, Predicate<String> kinds, ManifestSink sink) {
    this(source, kinds, sink, null);
  }

  private ObjectCollector(
      ManifestSource source,
      Predicate<String> kinds,
      ManifestSink sink,
      @Nullable Consumer<Node> rawDocuments) {
    this.source = source;
    this.file = source.displayName();
    this.kinds = kinds;
    this.sink = sink;
    this.rawDocuments = rawDocuments;
  }

  /** A collector that hands every document root, object or not, to {@code documents}. */
  static ObjectCollector raw(ManifestSource source, ManifestSink errors, Consumer<Node> documents) {
    return new ObjectCollector(source, kind -> true, errors, documents);
  }

  /** How many documents have been handed over or skipped so far. */
  int documentCount() {
    return documents;
  }

  /** Counts a document that was not parsed (filtered out by kind, or unreadable). */
  void skip() {
    documents++;
  }

  void error(InputException error) {
    sink.error(ManifestError.at(file, error.position(), error.getMessage()));
  }

  /** Takes the root of the next document. */
  void document(Node root) {
    int index = documents++;
    if (rawDocuments != null) {
      rawDocuments.accept(root);
      return;
    }
    if (root instanceof ScalarNode scalar && scalar.isNull()) {
      return; // an empty document, such as the one after a trailing ---
    }
    if (!(root instanceof MapNode map) || !(map.has("apiVersion") || map.has("kind"))) {
      sink.note(new ManifestNote(file, root.position().line(), NOT_AN_OBJECT));
      return;
    }
    InputException problem = objectProblem(map);
    if (problem != null) {
      error(problem);
      return;
    }
    String kind = Objects.requireNonNull(map.string("kind"), "checked above");
    Node items = map.get("items");
    if (kind.equals("List") || (kind.endsWith("List") && items instanceof ListNode)) {
      expand(map, kind, items, index);
    } else {
      deliver(map, kind, index);
    }
  }

  private void expand(MapNode list, String kind, @Nullable Node items, int index) {
    if (items == null || (items instanceof ScalarNode scalar && scalar.isNull())) {
      return;
    }
    if (!(items instanceof ListNode itemList)) {
      error(
          new InputException(
              list.keyPosition("items"),
              "items of a "
                  + kind
                  + " must be a list of Kubernetes objects, not "
                  + describe(items)));
      return;
    }
    for (int position = 0; position < itemList.size(); position++) {
      Node item = itemList.get(position);
      String label = "item " + position + " of this " + kind;
      if (!(item instanceof MapNode object) || !(object.has("apiVersion") || object.has("kind"))) {
        error(
            new InputException(
                item.position(),
                label + " is not a Kubernetes object (no apiVersion/kind); remove it or fix it"));
        continue;
      }
      InputException problem = objectProblem(object);
      if (problem != null) {
        error(new InputException(problem.position(), label + ": " + problem.getMessage()));
        continue;
      }
      deliver(object, Objects.requireNonNull(object.string("kind"), "checked above"), index);
    }
  }

  private void deliver(MapNode root, String kind, int index) {
    if (!kinds.test(kind)) {
      return;
    }
    ManifestObject direct = ManifestObject.direct(root, file, index);
    if (source instanceof TextSource text) {
      sink.object(new ManifestObject(root, file, index, text.sourceMaps().apply(direct)));
    } else {
      sink.object(direct);
    }
  }

  /** What is wrong with the apiVersion or kind of a map that has at least one of them. */
  private static @Nullable InputException objectProblem(MapNode map) {
    String apiVersion = nonEmptyString(map.get("apiVersion"));
    String kind = nonEmptyString(map.get("kind"));
    if (!map.has("kind")) {
      return new InputException(
          map.keyPosition("apiVersion"),
          "object has no kind; add one next to apiVersion, such as `kind: Deployment`");
    }
    if (kind == null) {
      return new InputException(
          map.keyPosition("kind"),
          "kind must be a non-empty string such as Deployment, not " + describe(map.get("kind")));
    }
    if (!map.has("apiVersion")) {
      return new InputException(
          map.keyPosition("kind"),
          "object of kind " + kind + " has no apiVersion; add one, such as `apiVersion: apps/v1`");
    }
    if (apiVersion == null) {
      return new InputException(
          map.keyPosition("apiVersion"),
          "apiVersion must be a non-empty string such as apps/v1, not "
              + describe(map.get("apiVersion")));
    }
    return null;
  }

  private static @Nullable String nonEmptyString(@Nullable Node node) {
    if (node instanceof ScalarNode scalar && scalar.type() == ScalarNode.Type.STRING) {
      String text = scalar.text();
      return text == null || text.isEmpty() ? null : text;
    }
    return null;
  }

  private static String describe(@Nullable Node node) {
    if (node instanceof ScalarNode scalar) {
      return switch (scalar.type()) {
        case NULL -> "empty";
        case STRING -> "an empty string";
        case BOOLEAN -> "the boolean " + scalar.text();
        case INTEGER, FLOAT -> "the number " + scalar.text();
      };
    }
    if (node instanceof MapNode) {
      return "a map";
    }
    return node instanceof ListNode ? "a list" : "nothing";
  }
}
