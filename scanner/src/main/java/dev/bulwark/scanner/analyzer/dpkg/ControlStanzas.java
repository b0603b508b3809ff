package dev.bulwark.scanner.analyzer.dpkg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Splits Debian control data (deb-control(5): stanzas of {@code Field: value} lines separated by
 * blank lines, continuation lines starting with a space or tab) into stanzas. Linear in the input;
 * field names are matched case-insensitively, the first occurrence wins.
 */
final class ControlStanzas {
  private ControlStanzas() {}

  /** One stanza and the line it starts on (1-based). */
  record Stanza(int line, Map<String, String> fields) {
    Stanza {
      fields = Map.copyOf(fields);
    }

    @Nullable String field(String name) {
      return fields.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static List<Stanza> parse(String text) {
    List<Stanza> stanzas = new ArrayList<>();
    Map<String, String> fields = new HashMap<>();
    int start = 0;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (content.isBlank()) {
        if (!fields.isEmpty()) {
          stanzas.add(new Stanza(start, fields));
          fields = new HashMap<>();
        }
        continue;
      }
      if (fields.isEmpty()) {
        start = number;
      }
      // Continuation lines only extend multi-line fields (Description, Conffiles) we do not read.
      if (content.charAt(0) == ' ' || content.charAt(0) == '\t') {
        continue;
      }
      int colon = content.indexOf(':');
      String name = colon > 0 ? content.substring(0, colon).trim() : "";
      // A line without a field name still belongs to the stanza, so its line number stays right.
      fields.putIfAbsent(
          name.toLowerCase(Locale.ROOT), colon > 0 ? content.substring(colon + 1).trim() : content);
    }
    if (!fields.isEmpty()) {
      stanzas.add(new Stanza(start, fields));
    }
    return stanzas;
  }
}
