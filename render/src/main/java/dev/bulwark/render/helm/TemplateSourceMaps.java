package dev.bulwark.render.helm;

import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.SourceMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The source maps of one rendered chart: which rendered lines came from which template, and the
 * template texts. Built once per render; immutable.
 */
final class TemplateSourceMaps {
  private static final String SOURCE_COMMENT = "# Source: ";

  /** A document of the rendered text: lines {@code first..last} (1-based), and its template. */
  private record RenderedDocument(int first, int last, @Nullable String source) {}

  private final List<String> renderedLines;
  private final List<RenderedDocument> documents;
  private final Map<String, TemplateFile> templates;
  private final String chartDisplayName;

  private TemplateSourceMaps(
      List<String> renderedLines,
      List<RenderedDocument> documents,
      Map<String, TemplateFile> templates,
      String chartDisplayName) {
    this.renderedLines = renderedLines;
    this.documents = documents;
    this.templates = templates;
    this.chartDisplayName = chartDisplayName;
  }

  static TemplateSourceMaps of(String renderedText, Path chartDirectory, String chartDisplayName) {
    List<String> lines = renderedText.lines().toList();
    List<RenderedDocument> documents = split(lines);
    Map<String, TemplateFile> templates = new HashMap<>();
    for (RenderedDocument document : documents) {
      String source = document.source();
      if (source != null && !templates.containsKey(source)) {
        templates.put(source, TemplateFile.load(chartDirectory, chartDisplayName, source));
      }
    }
    return new TemplateSourceMaps(lines, documents, Map.copyOf(templates), chartDisplayName);
  }

  /** The source map of {@code rendered}, whose positions are lines of the rendered text. */
  SourceMap sourceMap(ManifestObject rendered) {
    MapNode root = rendered.root();
    TemplateFile template = templateAt(root.position().line());
    if (template == null) {
      Location chart = new Location(chartDisplayName, 0, 0);
      return path -> chart;
    }
    return path -> template.locate(path, root, renderedLines);
  }

  private @Nullable TemplateFile templateAt(int line) {
    for (RenderedDocument document : documents) {
      if (line >= document.first() && line <= document.last()) {
        String source = document.source();
        return source == null ? null : templates.get(source);
      }
    }
    return null;
  }

  /** Splits at {@code ---} lines, taking each document's first {@code # Source:} comment. */
  private static List<RenderedDocument> split(List<String> lines) {
    List<RenderedDocument> documents = new ArrayList<>();
    int first = 1;
    String source = null;
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (isSeparator(line)) {
        documents.add(new RenderedDocument(first, number - 1, source));
        first = number + 1;
        source = null;
      } else if (source == null && line.startsWith(SOURCE_COMMENT)) {
        source = line.substring(SOURCE_COMMENT.length()).strip();
      }
    }
    documents.add(new RenderedDocument(first, lines.size(), source));
    return List.copyOf(documents);
  }

  private static boolean isSeparator(String line) {
    return line.equals("---") || line.startsWith("--- ");
  }
}
