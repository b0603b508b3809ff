package dev.bulwark.core.manifest;

import dev.bulwark.core.manifest.DocumentSplitter.DocumentSlice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for the YAML that Kubernetes manifests are written in: block maps and lists,
 * single-line plain and quoted scalars, literal and folded block scalars, comments, and flow
 * collections that open and close on one line. It builds the same tree, with the same positions and
 * types, as {@link YamlDocumentParser} does through snakeyaml-engine, several times faster, because
 * it works on whole lines of the text instead of one character at a time through a look-ahead
 * buffer.
 *
 * <p>It gives up (returns null) on anything it does not handle with certainty: anchors, aliases,
 * tags, merge keys, duplicate keys, complex keys, directives, several documents in one slice,
 * multi-line plain, quoted or flow scalars, tabs outside scalars, unusual characters and line
 * breaks, nesting near the depth limit, and every syntax error. The caller then parses the slice
 * with snakeyaml, which produces the tree or the error exactly as before; so this class never needs
 * to produce an error message of its own.
 *
 * <p>One instance per slice; not thread-safe.
 */
final class BlockYamlParser {
  /** snakeyaml refuses longer implicit keys; leave those to it. */
  private static final int MAX_KEY_LENGTH = 1024;

  /** Deeper trees go to snakeyaml, which also keeps this recursive parser's stack small. */
  private static final int MAX_DEPTH = 100;

  private final String text;
  private final int lineOffset;
  private final int maxDepth;
  private int[] lineStarts = new int[64];
  private int[] lineEnds = new int[64];
  private int lineCount;

  /** The line the parser is on, and its offset in the text. */
  private int line;

  private int offset;
  private int depth;

  private BlockYamlParser(String text, int lineOffset, int maxDepth) {
    this.text = text;
    this.lineOffset = lineOffset;
    this.maxDepth = Math.min(maxDepth, MAX_DEPTH);
  }

  /**
   * The root of the single document in {@code slice}, or null when the fast path gives up on it.
   */
  static @Nullable Node parse(String text, DocumentSlice slice, ReadLimits limits) {
    BlockYamlParser parser = new BlockYamlParser(text, slice.lineOffset(), limits.maxDepth());
    try {
      return parser.document(slice.start(), slice.end());
    } catch (GiveUp giveUp) {
      return null;
    }
  }

  /** Thrown to abandon the fast path; carries nothing, so one instance serves all. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }

  private static GiveUp giveUp() {
    return GiveUp.INSTANCE;
  }

  private Node document(int start, int end) {
    splitLines(start, end);
    line = 0;
    int indent = contentLine(true);
    if (indent == 0 && isDocumentStartMarker(lineStarts[line])) {
      offset = lineStarts[line] + 3;
      expectLineEnd();
      indent = nextContentLine();
    }
    if (indent < 0) {
      throw giveUp();
    }
    offset = lineStarts[line] + indent;
    char first = text.charAt(offset);
    if (first == '[' || first == '{' || first == '|' || first == '>') {
      throw giveUp();
    }
    Node root = blockNode(-1, true);
    if (root instanceof ScalarNode || nextContentLine() >= 0) {
      throw giveUp();
    }
    return root;
  }

  /**
   * Records where the lines are, giving up on characters that snakeyaml refuses or counts
   * differently: controls, lone carriage returns, Unicode line separators, byte order marks and
   * surrogates (snakeyaml counts columns in code points).
   */
  private void splitLines(int start, int end) {
    int lineStart = start;
    for (int index = start; index < end; index++) {
      char c = text.charAt(index);
      if (c >= ' ' && c <= '~') {
        continue;
      }
      if (c == '\n') {
        boolean crlf = index > lineStart && text.charAt(index - 1) == '\r';
        addLine(lineStart, crlf ? index - 1 : index);
        lineStart = index + 1;
      } else if (c == '\r') {
        if (index + 1 >= end || text.charAt(index + 1) != '\n') {
          throw giveUp();
        }
      } else if (c != '\t' && !isOrdinaryUnicode(c)) {
        throw giveUp();
      }
    }
    if (lineStart < end) {
      addLine(lineStart, end);
    }
  }

  private static boolean isOrdinaryUnicode(char c) {
    return (c >= '\u00A0' && c < '\u2028')
        || (c > '\u2029' && c < '\uD800')
        || (c >= '\uE000' && c < '\uFEFF')
        || (c > '\uFEFF' && c < '\uFFFE');
  }

  private void addLine(int start, int end) {
    if (lineCount == lineStarts.length) {
      lineStarts = Arrays.copyOf(lineStarts, lineCount * 2);
      lineEnds = Arrays.copyOf(lineEnds, lineCount * 2);
    }
    lineStarts[lineCount] = start;
    lineEnds[lineCount] = end;
    lineCount++;
  }

  private boolean isDocumentStartMarker(int start) {
    int end = lineEnds[line];
    return text.startsWith("---", start)
        && (start + 3 == end || text.charAt(start + 3) == ' ' || text.charAt(start + 3) == '\t');
  }

  /**
   * Moves {@link #line} to the next line with content, skipping blank and comment lines, and
   * returns its indentation; -1 at the end of the slice.
   */
  private int nextContentLine() {
    return contentLine(false);
  }

  /**
   * As {@link #nextContentLine()}, letting a document marker through when {@code markerAllowed}.
   */
  private int contentLine(boolean markerAllowed) {
    while (line < lineCount) {
      int start = lineStarts[line];
      int end = lineEnds[line];
      int index = start;
      while (index < end && text.charAt(index) == ' ') {
        index++;
      }
      if (index < end) {
        char c = text.charAt(index);
        if (c == '\t') {
          throw giveUp();
        }
        if (c != '#') {
          if (index == start && !markerAllowed && isMarkerLine(start, end)) {
            throw giveUp();
          }
          return index - start;
        }
      }
      line++;
    }
    return -1;
  }

  /** A {@code ---} or {@code ...} line: another document, for snakeyaml to handle. */
  private boolean isMarkerLine(int start, int end) {
    return end - start >= 3
        && (text.startsWith("---", start) || text.startsWith("...", start))
        && (end == start + 3 || text.charAt(start + 3) == ' ' || text.charAt(start + 3) == '\t');
  }

  private Position position(int at) {
    return new Position(lineOffset + line + 1, at - lineStarts[line] + 1);
  }

  private int column(int at) {
    return at - lineStarts[line];
  }

  private int lineEnd() {
    return lineEnds[line];
  }

  private char charAt(int at) {
    return at < lineEnds[line] ? text.charAt(at) : '\n';
  }

  /** Skips spaces from {@link #offset}; a tab gives up. */
  private void skipSpaces() {
    int end = lineEnd();
    while (offset < end) {
      char c = text.charAt(offset);
      if (c == '\t') {
        throw giveUp();
      }
      if (c != ' ') {
        return;
      }
      offset++;
    }
  }

  /** Requires nothing but spaces and a comment up to the end of the line, then moves past it. */
  private void expectLineEnd() {
    int before = offset;
    skipSpaces();
    if (offset < lineEnd() && (text.charAt(offset) != '#' || offset == before)) {
      throw giveUp();
    }
    line++;
  }

  private void enter() {
    if (++depth >= maxDepth) {
      throw giveUp();
    }
  }

  /**
   * A node that starts at {@link #offset}: at the start of a line or after {@code "- "}, where
   * block maps and lists may begin.
   *
   * @param parentIndent the column of the enclosing block collection, -1 at the root
   * @param lineStart true when the node is the first thing on its line
   */
  private Node blockNode(int parentIndent, boolean lineStart) {
    char c = text.charAt(offset);
    if (c == '-' && isBlankOrEnd(offset + 1)) {
      return blockList();
    }
    if (c == '|' || c == '>') {
      if (lineStart) {
        throw giveUp();
      }
      return blockScalar(parentIndent);
    }
    if (c == '[' || c == '{') {
      Node node = flowCollection();
      expectLineEnd();
      return node;
    }
    int start = offset;
    ScalarNode scalar = scalar(false);
    if (charAt(offset) == ':' && isBlankOrEnd(offset + 1)) {
      offset = start;
      return blockMap();
    }
    expectLineEnd();
    return scalar;
  }

  private boolean isBlankOrEnd(int at) {
    return at >= lineEnd() || text.charAt(at) == ' ';
  }

  private MapNode blockMap() {
    enter();
    int indent = column(offset);
    Position mapPosition = position(offset);
    LinkedHashMap<String, MapNode.Field> fields = new LinkedHashMap<>();
    while (true) {
      int keyStart = offset;
      ScalarNode key = scalar(false);
      String keyText = Objects.requireNonNull(key.text());
      if (charAt(offset) != ':'
          || !isBlankOrEnd(offset + 1)
          || offset - keyStart > MAX_KEY_LENGTH
          || keyText.equals("<<")
          || fields.containsKey(keyText)) {
        throw giveUp();
      }
      offset++;
      fields.put(keyText, new MapNode.Field(key.position(), valueAfterIndicator(indent, true)));
      int next = nextContentLine();
      if (next < indent) {
        break;
      }
      if (next > indent) {
        throw giveUp();
      }
      offset = lineStarts[line] + indent;
      if (text.charAt(offset) == '-' && isBlankOrEnd(offset + 1)) {
        throw giveUp();
      }
    }
    depth--;
    return MapNode.adopt(fields, mapPosition);
  }

  private ListNode blockList() {
    enter();
    int indent = column(offset);
    Position listPosition = position(offset);
    List<Node> items = new ArrayList<>();
    while (true) {
      offset++;
      items.add(valueAfterIndicator(indent, false));
      int next = nextContentLine();
      if (next < indent) {
        break;
      }
      if (next > indent) {
        throw giveUp();
      }
      offset = lineStarts[line] + indent;
      if (text.charAt(offset) != '-' || !isBlankOrEnd(offset + 1)) {
        break;
      }
    }
    depth--;
    return new ListNode(items, listPosition);
  }

  /**
   * The value after a map's {@code :} or a list's {@code -}, at {@link #offset} just past the
   * indicator. Leaves {@link #line} after the value's last line.
   */
  private Node valueAfterIndicator(int indent, boolean mapValue) {
    Position afterIndicator = position(offset);
    skipSpaces();
    if (offset < lineEnd() && text.charAt(offset) != '#') {
      return mapValue ? inlineValue(indent) : blockNode(indent, false);
    }
    line++;
    int next = nextContentLine();
    if (next > indent) {
      offset = lineStarts[line] + next;
      return blockNode(indent, true);
    }
    if (next == indent && mapValue) {
      offset = lineStarts[line] + next;
      if (text.charAt(offset) == '-' && isBlankOrEnd(offset + 1)) {
        return blockList();
      }
    }
    return new ScalarNode("", ScalarNode.Type.NULL, afterIndicator);
  }

  /** A value on the line of its key: a scalar, a block scalar or a one-line flow collection. */
  private Node inlineValue(int indent) {
    char c = text.charAt(offset);
    if (c == '|' || c == '>') {
      return blockScalar(indent);
    }
    if (c == '[' || c == '{') {
      Node node = flowCollection();
      expectLineEnd();
      return node;
    }
    if (c == '-' && isBlankOrEnd(offset + 1)) {
      throw giveUp();
    }
    ScalarNode scalar = scalar(false);
    expectLineEnd();
    return scalar;
  }

  /**
   * A plain or quoted scalar on the current line, leaving {@link #offset} after it (for plain ones,
   * at the {@code :} or comment that ends it, or the line end).
   */
  private ScalarNode scalar(boolean flow) {
    char c = text.charAt(offset);
    if (c == '"') {
      return doubleQuoted();
    }
    if (c == '\'') {
      return singleQuoted();
    }
    return plain(flow);
  }

  private ScalarNode plain(boolean flow) {
    int start = offset;
    int end = lineEnd();
    char first = text.charAt(start);
    if ("?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
      throw giveUp();
    }
    if (first == '-' && (start + 1 >= end || isFlowBreak(text.charAt(start + 1), flow))) {
      throw giveUp();
    }
    int index = start;
    int contentEnd = start;
    while (index < end) {
      char c = text.charAt(index);
      if (c == ' ') {
        if (index + 1 < end && text.charAt(index + 1) == '#') {
          break;
        }
      } else if (c == '\t') {
        throw giveUp();
      } else if (c == ':') {
        if (index + 1 >= end || text.charAt(index + 1) == ' ') {
          break;
        }
        if (flow) {
          throw giveUp();
        }
        contentEnd = index + 1;
      } else if (flow && c == '?') {
        throw giveUp();
      } else if (flow && isFlowBreak(c, true)) {
        break;
      } else {
        contentEnd = index + 1;
      }
      index++;
    }
    offset = index;
    String value = text.substring(start, contentEnd);
    return new ScalarNode(value, CoreSchema.resolvePlain(value), position(start));
  }

  private static boolean isFlowBreak(char c, boolean flow) {
    return c == ' ' || c == '\t' || (flow && ",[]{}".indexOf(c) >= 0);
  }

  private ScalarNode singleQuoted() {
    int start = offset;
    int end = lineEnd();
    StringBuilder value = null;
    int chunkStart = start + 1;
    int index = chunkStart;
    while (true) {
      if (index >= end) {
        throw giveUp();
      }
      if (text.charAt(index) == '\'') {
        if (index + 1 < end && text.charAt(index + 1) == '\'') {
          if (value == null) {
            value = new StringBuilder();
          }
          value.append(text, chunkStart, index + 1);
          index += 2;
          chunkStart = index;
          continue;
        }
        break;
      }
      index++;
    }
    String result =
        value == null
            ? text.substring(chunkStart, index)
            : value.append(text, chunkStart, index).toString();
    offset = index + 1;
    return new ScalarNode(result, ScalarNode.Type.STRING, position(start));
  }

  private ScalarNode doubleQuoted() {
    int start = offset;
    int end = lineEnd();
    StringBuilder value = null;
    int chunkStart = start + 1;
    int index = chunkStart;
    while (true) {
      if (index >= end) {
        throw giveUp();
      }
      char c = text.charAt(index);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (value == null) {
          value = new StringBuilder();
        }
        value.append(text, chunkStart, index);
        index = escape(index + 1, end, value);
        chunkStart = index;
        continue;
      }
      index++;
    }
    String result =
        value == null
            ? text.substring(chunkStart, index)
            : value.append(text, chunkStart, index).toString();
    offset = index + 1;
    return new ScalarNode(result, ScalarNode.Type.STRING, position(start));
  }

  /** Appends the character an escape stands for; returns the offset after the escape. */
  private int escape(int at, int end, StringBuilder value) {
    if (at >= end) {
      throw giveUp();
    }
    char c = text.charAt(at);
    String simple =
        switch (c) {
          case '0' -> "\0";
          case 'a' -> "\u0007";
          case 'b' -> "\b";
          case 't' -> "\t";
          case 'n' -> "\n";
          case 'v' -> "\u000B";
          case 'f' -> "\f";
          case 'r' -> "\r";
          case 'e' -> "\u001B";
          case ' ' -> " ";
          case '"' -> "\"";
          case '/' -> "/";
          case '\\' -> "\\";
          case 'N' -> "\u0085";
          case '_' -> "\u00A0";
          default -> null;
        };
    if (simple != null) {
      value.append(simple);
      return at + 1;
    }
    int digits =
        switch (c) {
          case 'x' -> 2;
          case 'u' -> 4;
          default -> throw giveUp();
        };
    if (at + 1 + digits > end) {
      throw giveUp();
    }
    int code = 0;
    for (int index = at + 1; index <= at + digits; index++) {
      int digit = Character.digit(text.charAt(index), 16);
      if (digit < 0) {
        throw giveUp();
      }
      code = code * 16 + digit;
    }
    if (Character.isSurrogate((char) code)) {
      throw giveUp();
    }
    value.append((char) code);
    return at + 1 + digits;
  }

  /** A flow list or map that closes on the line it opens on. */
  private Node flowCollection() {
    enter();
    Position start = position(offset);
    char open = text.charAt(offset);
    offset++;
    skipSpaces();
    Node node;
    if (open == '[') {
      List<Node> items = new ArrayList<>();
      if (charAt(offset) != ']') {
        while (true) {
          items.add(flowNode());
          if (!flowSeparator(']')) {
            break;
          }
        }
      }
      node = new ListNode(items, start);
    } else {
      LinkedHashMap<String, MapNode.Field> fields = new LinkedHashMap<>();
      if (charAt(offset) != '}') {
        while (true) {
          int keyStart = offset;
          char first = charAt(offset);
          if (first == '[' || first == '{' || first == '\n') {
            throw giveUp();
          }
          ScalarNode key = scalar(true);
          String keyText = Objects.requireNonNull(key.text());
          if (charAt(offset) != ':'
              || !isBlankOrEnd(offset + 1)
              || offset - keyStart > MAX_KEY_LENGTH
              || keyText.equals("<<")
              || fields.containsKey(keyText)) {
            throw giveUp();
          }
          offset++;
          skipSpaces();
          char valueStart = charAt(offset);
          if (valueStart == ',' || valueStart == '}' || valueStart == '\n') {
            throw giveUp();
          }
          fields.put(keyText, new MapNode.Field(key.position(), flowNode()));
          if (!flowSeparator('}')) {
            break;
          }
        }
      }
      node = MapNode.adopt(fields, start);
    }
    offset++;
    depth--;
    return node;
  }

  /**
   * After a flow entry: true after a comma followed by another entry, false at the closing bracket
   * (left at {@link #offset}); anything else gives up.
   */
  private boolean flowSeparator(char close) {
    skipSpaces();
    char c = charAt(offset);
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw giveUp();
    }
    offset++;
    skipSpaces();
    char next = charAt(offset);
    if (next == close || next == ',' || next == '\n') {
      throw giveUp();
    }
    return true;
  }

  private Node flowNode() {
    char c = charAt(offset);
    if (c == '[' || c == '{') {
      return flowCollection();
    }
    if (c == '\n') {
      throw giveUp();
    }
    return scalar(true);
  }

  /**
   * A literal ({@code |}) or folded ({@code >}) scalar, following snakeyaml's reading of
   * indentation, folding and chomping. Leaves {@link #line} at the first line after it.
   */
  private ScalarNode blockScalar(int parentIndent) {
    Position start = position(offset);
    boolean folded = text.charAt(offset) == '>';
    offset++;
    char chomping = ' ';
    int increment = 0;
    for (int indicator = 0; indicator < 2; indicator++) {
      char c = charAt(offset);
      if ((c == '+' || c == '-') && chomping == ' ') {
        chomping = c;
        offset++;
      } else if (c >= '1' && c <= '9' && increment == 0) {
        increment = c - '0';
        offset++;
      }
    }
    if (!isBlankOrEnd(offset)) {
      throw giveUp();
    }
    expectLineEnd();
    int minIndent = Math.max(parentIndent + 1, 1);
    int blockIndent;
    StringBuilder breaks = new StringBuilder();
    if (increment == 0) {
      int maxIndent = 0;
      while (line < lineCount) {
        int spaces = leadingSpaces(line);
        maxIndent = Math.max(maxIndent, spaces);
        if (lineStarts[line] + spaces < lineEnds[line]) {
          if (text.charAt(lineStarts[line] + spaces) == '\t') {
            throw giveUp();
          }
          break;
        }
        breaks.append('\n');
        line++;
      }
      blockIndent = Math.max(minIndent, maxIndent);
    } else {
      blockIndent = minIndent + increment - 1;
      line = skipEmptyLines(line, blockIndent, breaks);
    }
    if (line >= lineCount || !isBlockContentLine(line, blockIndent)) {
      throw giveUp(); // an empty block scalar
    }
    StringBuilder value = new StringBuilder();
    while (true) {
      value.append(breaks);
      int contentStart = lineStarts[line] + blockIndent;
      int contentEnd = lineEnds[line];
      char first = text.charAt(contentStart);
      boolean leadingNonSpace = first != ' ' && first != '\t';
      value.append(text, contentStart, contentEnd);
      if (!hasLineBreak(line) && text.substring(contentStart, contentEnd).isBlank()) {
        throw giveUp(); // snakeyaml reads trailing spaces at the very end oddly
      }
      breaks.setLength(0);
      int next = skipEmptyLines(line + 1, blockIndent, breaks);
      line = next;
      if (next < lineCount && isBlockContentLine(next, blockIndent)) {
        char nextFirst = text.charAt(lineStarts[next] + blockIndent);
        if (folded && leadingNonSpace && nextFirst != ' ' && nextFirst != '\t') {
          if (breaks.isEmpty()) {
            value.append(' ');
          }
        } else {
          value.append('\n');
        }
      } else {
        break;
      }
    }
    // snakeyaml counts the end of the text as a line break too, so the last line always has one.
    if (chomping != '-') {
      value.append('\n');
    }
    if (chomping == '+') {
      value.append(breaks);
    }
    return new ScalarNode(value.toString(), ScalarNode.Type.STRING, start);
  }

  /** A line that continues a block scalar: something after its indentation. */
  private boolean isBlockContentLine(int at, int blockIndent) {
    return leadingSpaces(at) >= blockIndent && lineStarts[at] + blockIndent < lineEnds[at];
  }

  /**
   * Skips lines that hold at most {@code blockIndent} spaces, adding a line break for each; returns
   * the first other line (or the line count).
   */
  private int skipEmptyLines(int from, int blockIndent, StringBuilder breaks) {
    int at = from;
    while (at < lineCount) {
      int spaces = leadingSpaces(at);
      if (spaces > blockIndent || lineStarts[at] + spaces < lineEnds[at]) {
        break;
      }
      // snakeyaml adds a break only when the line has one; the last line of the text may not.
      if (!hasLineBreak(at)) {
        break;
      }
      breaks.append('\n');
      at++;
    }
    return at;
  }

  private boolean hasLineBreak(int at) {
    int end = lineEnds[at];
    return end < text.length() && (text.charAt(end) == '\n' || text.charAt(end) == '\r');
  }

  private int leadingSpaces(int at) {
    int start = lineStarts[at];
    int end = lineEnds[at];
    int index = start;
    while (index < end && text.charAt(index) == ' ') {
      index++;
    }
    return index - start;
  }
}
