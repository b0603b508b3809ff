package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses policy and exception files into {@link Node} trees that remember the line and column of
 * every value, so that problems can point at what the author wrote. It is core's manifest reader
 * (Kubernetes' YAML scalar resolution, JSON, duplicate keys, depth and alias limits) applied to
 * every document, Kubernetes object or not; empty documents are left out. Stateless and
 * thread-safe.
 */
public final class DocumentParser {
  private final ManifestReader reader;

  public DocumentParser(ReadLimits limits) {
    this.reader = new ManifestReader(limits);
  }

  /**
   * Parses all documents of {@code text}.
   *
   * @param origin names the text; a name ending in {@code .json} makes it strict JSON, otherwise
   *     JSON or YAML is decided by the content
   * @throws MalformedDocumentException on the first syntax error or exceeded limit
   */
  public List<Node> parse(String text, String origin) {
    List<ManifestError> errors = new ArrayList<>();
    List<Node> documents =
        reader.readDocuments(
            ManifestSource.TextSource.direct(origin, text),
            new ManifestSink() {
              @Override
              public void object(ManifestObject object) {}

              @Override
              public void error(ManifestError error) {
                errors.add(error);
              }
            });
    if (!errors.isEmpty()) {
      ManifestError first = errors.get(0);
      throw new MalformedDocumentException(
          new Position(first.line(), first.column()), first.message());
    }
    return documents.stream()
        .filter(document -> !(document instanceof ScalarNode scalar && scalar.isNull()))
        .toList();
  }
}
