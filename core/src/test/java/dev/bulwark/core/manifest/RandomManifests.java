package dev.bulwark.core.manifest;

import java.util.List;
import java.util.Random;

/**
 * Seeded random Kubernetes-like YAML in the many ways people write it: block and flow collections,
 * compact and indentless lists, every scalar style, comments, blank lines, odd indentation. Values
 * are written plain even when that changes their meaning or breaks the syntax, since both parsers
 * must then agree (or the fast path must give up).
 */
final class RandomManifests {
  private static final List<String> KEYS =
      List.of(
          "apiVersion",
          "kind",
          "metadata",
          "name",
          "namespace",
          "labels",
          "annotations",
          "spec",
          "template",
          "containers",
          "image",
          "ports",
          "containerPort",
          "env",
          "value",
          "args",
          "command",
          "securityContext",
          "privileged",
          "runAsUser",
          "data",
          "app.kubernetes.io/name",
          "key with spaces",
          "y",
          "on",
          "8080",
          "null",
          "~",
          "a:b",
          "x#y",
          "-dash",
          "\"quoted\"",
          "'single'",
          "<<",
          "? q",
          "&anchor",
          "*alias",
          "!tag",
          "[flow]",
          "{flow}");

  private static final List<String> SCALARS =
      List.of(
          "web",
          "nginx:1.25",
          "registry.example.com/shop/web:1.2.3",
          "80",
          "0644",
          "09",
          "0x1F",
          "0b101",
          "1_000",
          "-1",
          "+7",
          "1.5",
          "1e3",
          ".inf",
          "-.Inf",
          ".nan",
          "yes",
          "No",
          "on",
          "OFF",
          "y",
          "n",
          "true",
          "False",
          "~",
          "null",
          "NULL",
          "",
          "100m",
          "128Mi",
          "a b  c",
          "a#b",
          "a #b",
          "http://x:80/y",
          "-c",
          "x: y",
          "x:y",
          "--flag=1",
          "- item",
          "?",
          ":",
          "%d",
          "@at",
          "`tick`",
          "it's",
          "say \"hi\"",
          "back\\slash",
          "tab\there",
          "é ü 日本",
          "trailing ",
          " leading",
          "[a, b]",
          "{a: b}",
          "*ref",
          "&ref",
          "!!str",
          "|",
          ">",
          "#",
          ",",
          "{{ .Values.x }}",
          "line\nbreak",
          "two\n\nbreaks\n",
          "end\n\n",
          " indented\nmore");

  private final Random random;
  private final StringBuilder out = new StringBuilder();
  private int depth;

  RandomManifests(long seed) {
    this.random = new Random(seed);
  }

  /** One to three documents. */
  String next() {
    out.setLength(0);
    int documents = 1 + random.nextInt(3);
    for (int index = 0; index < documents; index++) {
      if (index > 0 || random.nextInt(3) == 0) {
        out.append(random.nextInt(4) == 0 ? "--- # next\n" : "---\n");
      }
      if (random.nextInt(4) == 0) {
        out.append("# a comment\n\n");
      }
      depth = 0;
      if (random.nextInt(8) == 0) {
        blockList(0);
      } else {
        blockMap(random.nextInt(10) == 0 ? 2 : 0, 2 + random.nextInt(5), true);
      }
    }
    return out.toString();
  }

  /** A random text with a few damaged characters, as MutatedInputTest does. */
  String mutated() {
    StringBuilder text = new StringBuilder(next());
    String pieces = "-:{}[],&*!|>'\"%@`#?\n\r\t .~<0x1e3\\";
    int mutations = 1 + random.nextInt(4);
    for (int mutation = 0; mutation < mutations && !text.isEmpty(); mutation++) {
      int at = random.nextInt(text.length());
      char piece = pieces.charAt(random.nextInt(pieces.length()));
      switch (random.nextInt(3)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, piece);
        default -> text.setCharAt(at, piece);
      }
    }
    return text.toString();
  }

  private int step() {
    return random.nextInt(12) == 0 ? 1 + random.nextInt(4) : 2;
  }

  private void blockMap(int indent, int fields, boolean startOfLine) {
    depth++;
    for (int index = 0; index < fields; index++) {
      if (index > 0 || startOfLine) {
        out.append(" ".repeat(indent));
      }
      out.append(key()).append(random.nextInt(15) == 0 ? ":  " : ":");
      value(indent);
      maybeCommentLine(indent);
    }
    depth--;
  }

  private void blockList(int indent) {
    depth++;
    int items = 1 + random.nextInt(3);
    for (int index = 0; index < items; index++) {
      out.append(" ".repeat(indent)).append('-');
      int choice = depth > 5 ? 0 : random.nextInt(6);
      switch (choice) {
        case 0, 1 -> inlineScalar(indent);
        case 2 -> {
          int spaces = 1 + (random.nextInt(6) == 0 ? random.nextInt(3) : 0);
          out.append(" ".repeat(spaces));
          blockMap(indent + 1 + spaces, 1 + random.nextInt(3), false);
        }
        case 3 -> {
          out.append('\n');
          blockMap(indent + step(), 1 + random.nextInt(3), true);
        }
        case 4 -> {
          out.append(' ');
          flow();
          lineEnd();
        }
        default -> {
          if (random.nextBoolean()) {
            out.append(' ');
            blockList(indent + 2);
            continue;
          }
          out.append('\n');
          blockList(indent + step());
        }
      }
    }
    depth--;
  }

  private void value(int indent) {
    int choice = depth > 5 ? random.nextInt(2) : random.nextInt(9);
    switch (choice) {
      case 0, 1 -> inlineScalar(indent);
      case 2, 3 -> {
        lineEnd();
        blockMap(indent + step(), 1 + random.nextInt(4), true);
      }
      case 4 -> {
        lineEnd();
        blockList(random.nextBoolean() ? indent : indent + step());
      }
      case 5 -> {
        out.append(' ');
        flow();
        lineEnd();
      }
      case 6 -> blockScalar(indent);
      case 7 -> lineEnd(); // a null value
      default -> {
        lineEnd();
        out.append(" ".repeat(indent + step())).append(plainOrQuoted());
        lineEnd();
      }
    }
  }

  private void inlineScalar(int indent) {
    if (random.nextInt(6) == 0) {
      blockScalar(indent);
      return;
    }
    out.append(' ').append(plainOrQuoted());
    lineEnd();
  }

  private String key() {
    String key = KEYS.get(random.nextInt(KEYS.size()));
    return switch (random.nextInt(10)) {
      case 0 -> "'" + key.replace("'", "''") + "'";
      case 1 -> "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      default -> key;
    };
  }

  private String plainOrQuoted() {
    String value = SCALARS.get(random.nextInt(SCALARS.size()));
    return switch (random.nextInt(5)) {
      case 0 -> "'" + value.replace("'", "''") + "'";
      case 1 -> doubleQuoted(value);
      default -> value;
    };
  }

  private String doubleQuoted(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append(random.nextBoolean() ? "\\n" : "\\x0A");
        case '\t' -> quoted.append(random.nextBoolean() ? "\\t" : "\t");
        case 'é' -> quoted.append("\\u00e9");
        case '/' -> quoted.append(random.nextBoolean() ? "\\/" : "/");
        case ' ' -> quoted.append(random.nextInt(8) == 0 ? "\\ " : " ");
        default -> quoted.append(c);
      }
    }
    if (random.nextInt(10) == 0) {
      quoted.append(
          List.of(
                  "\\0",
                  "\\a",
                  "\\b",
                  "\\v",
                  "\\f",
                  "\\r",
                  "\\e",
                  "\\N",
                  "\\_",
                  "\\L",
                  "\\P",
                  "\\U0001F600",
                  "\\x7f",
                  "\\q")
              .get(random.nextInt(14)));
    }
    return quoted.append('"').toString();
  }

  private void blockScalar(int indent) {
    out.append(' ').append(random.nextBoolean() ? '|' : '>');
    String chomping = List.of("", "-", "+").get(random.nextInt(3));
    int increment = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 0;
    out.append(chomping);
    if (increment > 0) {
      out.append(increment);
    }
    lineEnd();
    int contentIndent = indent + (increment > 0 ? increment : step());
    int lines = 1 + random.nextInt(5);
    for (int index = 0; index < lines; index++) {
      switch (random.nextInt(8)) {
        case 0 -> out.append('\n');
        case 1 -> out.append(" ".repeat(contentIndent + random.nextInt(3))).append('\n');
        case 2 -> out.append(" ".repeat(contentIndent + 2)).append("indented more\n");
        case 3 -> out.append(" ".repeat(contentIndent)).append("# not a comment\n");
        default ->
            out.append(" ".repeat(contentIndent)).append("some text ").append(index).append('\n');
      }
    }
    if (random.nextInt(4) == 0) {
      out.append('\n');
    }
  }

  private void flow() {
    depth++;
    if (random.nextBoolean()) {
      out.append('[');
      int items = random.nextInt(4);
      for (int index = 0; index < items; index++) {
        out.append(index > 0 ? ", " : "");
        flowValue();
      }
      out.append(']');
    } else {
      out.append('{');
      int items = random.nextInt(4);
      for (int index = 0; index < items; index++) {
        out.append(index > 0 ? ", " : "").append(key()).append(": ");
        flowValue();
      }
      out.append('}');
    }
    depth--;
  }

  private void flowValue() {
    if (depth < 4 && random.nextInt(4) == 0) {
      flow();
    } else {
      out.append(plainOrQuoted());
    }
  }

  private void lineEnd() {
    if (random.nextInt(8) == 0) {
      out.append(random.nextBoolean() ? "  # note" : " #");
    }
    out.append(random.nextInt(30) == 0 ? "\r\n" : "\n");
  }

  private void maybeCommentLine(int indent) {
    if (random.nextInt(10) == 0) {
      out.append(" ".repeat(random.nextInt(indent + 3))).append("# comment\n");
    } else if (random.nextInt(12) == 0) {
      out.append('\n');
    }
  }
}
