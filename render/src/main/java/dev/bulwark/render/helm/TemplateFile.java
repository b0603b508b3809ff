package dev.bulwark.render.helm;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.render.source.DisplayPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One chart template and the heuristic that finds a rendered field's line in it (described on
 * {@link HelmChartRenderer}).
 *
 * @param displayName the template's path as shown in reports
 * @param lines the template text, or null when it cannot be read (a subchart packed as an archive)
 */
record TemplateFile(String displayName, @Nullable List<String> lines) {
  TemplateFile {
    lines = lines == null ? null : List.copyOf(lines);
  }

  /**
   * Loads the template named by a {@code # Source:} comment, whose first segment is the chart name
   * and the rest the template's path inside the chart directory.
   */
  static TemplateFile load(Path chartDirectory, String chartDisplayName, String source) {
    int slash = source.indexOf('/');
    String relative = slash < 0 ? source : source.substring(slash + 1);
    String displayName = DisplayPaths.child(chartDisplayName, relative);
    Path file = chartDirectory.resolve(relative).normalize();
    if (!file.startsWith(chartDirectory) || !Files.isRegularFile(file)) {
      return new TemplateFile(displayName, null);
    }
    try {
      return new TemplateFile(displayName, Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      return new TemplateFile(displayName, null);
    }
  }

  Location locate(FieldPath path, MapNode renderedRoot, List<String> renderedLines) {
    List<String> template = lines;
    if (template == null) {
      return unknownLine();
    }
    Position rendered = path.locate(renderedRoot);
    if (rendered.isKnown() && rendered.line() <= renderedLines.size()) {
      String renderedLine = renderedLines.get(rendered.line() - 1);
      int unique = uniqueLine(template, renderedLine.strip());
      if (unique >= 0) {
        String templateLine = template.get(unique);
        return new Location(displayName, unique + 1, column(templateLine, renderedLine, rendered));
      }
    }
    return locateByKeys(template, existingKeys(path, renderedRoot));
  }

  private Location locateByKeys(List<String> template, List<String> keys) {
    int line = -1;
    int column = 0;
    for (String key : keys) {
      Pattern pattern = Pattern.compile("^(\\s*(?:- )?)" + Pattern.quote(key) + ":(?:\\s|$)");
      int found = -1;
      for (int index = line + 1; index < template.size() && found < 0; index++) {
        Matcher matcher = pattern.matcher(template.get(index));
        if (matcher.find()) {
          found = index;
          column = matcher.end(1) + 1;
        }
      }
      if (found < 0) {
        break;
      }
      line = found;
    }
    return line < 0 ? unknownLine() : new Location(displayName, line + 1, column);
  }

  private Location unknownLine() {
    return new Location(displayName, 0, 0);
  }

  private static int uniqueLine(List<String> template, String text) {
    if (text.isEmpty()) {
      return -1;
    }
    int match = -1;
    for (int index = 0; index < template.size(); index++) {
      if (template.get(index).strip().equals(text)) {
        if (match >= 0) {
          return -1;
        }
        match = index;
      }
    }
    return match;
  }

  /** The rendered column moved by the difference in indentation between the two lines. */
  private static int column(String templateLine, String renderedLine, Position rendered) {
    int offset = Math.max(0, rendered.column() - 1 - indentation(renderedLine));
    return indentation(templateLine) + offset + 1;
  }

  private static int indentation(String line) {
    return line.length() - line.stripLeading().length();
  }

  /** The map keys along {@code path} that exist in {@code root}, up to the first missing one. */
  private static List<String> existingKeys(FieldPath path, Node root) {
    List<String> keys = new ArrayList<>();
    Node current = root;
    for (Object segment : path.segments()) {
      Node next = null;
      if (segment instanceof String key && current instanceof MapNode map) {
        next = map.get(key);
        if (next != null) {
          keys.add(key);
        }
      } else if (segment instanceof Integer index
          && current instanceof ListNode list
          && index < list.size()) {
        next = list.get(index);
      }
      if (next == null) {
        break;
      }
      current = next;
    }
    return keys;
  }
}
