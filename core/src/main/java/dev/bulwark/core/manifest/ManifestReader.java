package dev.bulwark.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import dev.bulwark.core.manifest.DocumentSplitter.DocumentSlice;
import dev.bulwark.core.manifest.ManifestSource.FileSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Reads Kubernetes objects from YAML (multi-document) and JSON, with the position of every node.
 * Expands {@code kind: List} and any {@code *List} kind into its items. Documents that are not
 * Kubernetes objects (no apiVersion/kind, e.g. a values file) are skipped with a note; a document
 * with apiVersion but no kind, bad syntax, duplicate keys or limits exceeded is an error at {@code
 * file:line:column}; reading goes on with the next document or file.
 *
 * <p>YAML streams are cut into documents at {@code ---} lines and each document is parsed on its
 * own, so a syntax error costs only its document. Documents in the block style that manifests use
 * are read by a fast line-based parser; anything else (and every error) by snakeyaml-engine, with
 * the same result either way. JSON is read when the file name ends in {@code .json} or the text
 * starts with <code>{</code> or {@code [} (text that starts so but is not JSON is read as
 * flow-style YAML).
 *
 * <p>Thread-safe; documents of one source are parsed one after another and delivered to the sink in
 * document order.
 */
public final class ManifestReader {
  private final ReadLimits limits;
  private final YamlDocumentParser yaml;
  private final JsonDocumentParser json;

  public ManifestReader(ReadLimits limits) {
    this.limits = limits;
    this.yaml = new YamlDocumentParser(limits);
    this.json = new JsonDocumentParser(limits);
  }

  public ReadLimits limits() {
    return limits;
  }

  /**
   * Reads one source. Never throws for bad input: unreadable files, syntax errors and exceeded
   * limits go to {@link ManifestSink#error}.
   *
   * @param kinds documents whose top-level kind can be seen without parsing and is rejected by this
   *     filter are skipped unparsed (a cheap first pass); other documents are parsed and their
   *     objects (or, for lists, each item) delivered only when the filter accepts their kind. Pass
   *     {@code k -> true} to read everything.
   */
  public void read(ManifestSource source, Predicate<String> kinds, ManifestSink sink) {
    parse(source, kinds, new ObjectCollector(source, kinds, sink));
  }

  /**
   * Every document of a source as a plain tree, whether or not it is a Kubernetes object (a
   * kustomization file, a patch, a values file). Problems go to {@code errors}; documents that fail
   * to parse are left out.
   */
  public List<Node> readDocuments(ManifestSource source, ManifestSink errors) {
    List<Node> documents = new ArrayList<>();
    parse(source, kind -> true, ObjectCollector.raw(source, errors, documents::add));
    return List.copyOf(documents);
  }

  private void parse(ManifestSource source, Predicate<String> kinds, ObjectCollector collector) {
    String text;
    try {
      text = SourceText.load(source, limits);
    } catch (InputException e) {
      collector.error(e);
      return;
    }
    boolean namedJson = isJsonName(source);
    if (namedJson || JsonDocumentParser.startsLikeJson(text)) {
      try {
        if (json.parse(text, !namedJson, collector)) {
          return;
        }
      } catch (InputException e) {
        collector.error(e);
        return;
      }
    }
    readYaml(text, kinds, collector);
  }

  public void read(ManifestSource source, ManifestSink sink) {
    read(source, kind -> true, sink);
  }

  /** Every object and error of one source, for callers that need the whole source at once. */
  public ReadResult readAll(ManifestSource source) {
    ResultSink result = new ResultSink();
    read(source, result);
    return result.result();
  }

  /** Collects what a read delivers; notes are dropped. */
  private static final class ResultSink implements ManifestSink {
    private final List<ManifestObject> objects = new ArrayList<>();
    private final List<ManifestError> errors = new ArrayList<>(0);

    @Override
    public void object(ManifestObject object) {
      objects.add(object);
    }

    @Override
    public void error(ManifestError error) {
      errors.add(error);
    }

    ReadResult result() {
      return new ReadResult(objects, errors);
    }
  }

  /**
   * Every object of one JSON value read from an open token stream, for callers that hold the value
   * already parsed (the admission controller's request object, through a parser over its tree): the
   * same trees, checks and list expansion as reading it from text, without writing it as text and
   * parsing it again. Positions are those the stream reports (none for a tree). The caller closes
   * the parser.
   */
  public ReadResult readJson(String displayName, JsonParser parser) {
    ResultSink result = new ResultSink();
    ObjectCollector collector =
        new ObjectCollector(
            ManifestSource.TextSource.direct(displayName, ""), kind -> true, result);
    try {
      json.parseValue(parser, collector);
    } catch (InputException e) {
      collector.error(e);
    }
    return result.result();
  }

  /** What {@link #readAll} found, in document order. */
  public record ReadResult(List<ManifestObject> objects, List<ManifestError> errors) {
    public ReadResult {
      objects = List.copyOf(objects);
      errors = List.copyOf(errors);
    }
  }

  private void readYaml(String text, Predicate<String> kinds, ObjectCollector collector) {
    for (DocumentSlice slice : DocumentSplitter.split(text)) {
      String kind = slice.visibleKind();
      // A list's items have kinds of their own, so lists are always parsed.
      if (kind != null && !kind.endsWith("List") && !kinds.test(kind)) {
        collector.skip();
        continue;
      }
      try {
        if (slice.length() > limits.maxDocumentBytes()) {
          throw new InputException(
              new Position(slice.lineOffset() + 1, 1),
              "document is "
                  + slice.length()
                  + " characters, over the "
                  + Messages.size(limits.maxDocumentBytes())
                  + " limit for one document; split it");
        }
        Node root = BlockYamlParser.parse(text, slice, limits);
        if (root != null) {
          collector.document(root);
        } else {
          yaml.parse(text, slice, collector);
        }
      } catch (InputException e) {
        collector.error(e);
        collector.skip();
      }
    }
  }

  private static boolean isJsonName(ManifestSource source) {
    String name =
        source instanceof FileSource file
            ? String.valueOf(file.path().getFileName())
            : source.displayName();
    return name.toLowerCase(Locale.ROOT).endsWith(".json");
  }
}
