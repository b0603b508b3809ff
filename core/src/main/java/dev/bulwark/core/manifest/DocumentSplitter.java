package dev.bulwark.core.manifest;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a YAML stream into documents at lines that start with {@code ---}, so that each document is
 * parsed on its own: a syntax error then costs one document instead of the rest of the file, and a
 * document whose kind can be seen in the text can be skipped without parsing it.
 *
 * <p>Cutting there is safe because YAML forbids a document marker at the start of a line inside any
 * node, quoted or not. Directives ({@code %YAML}) stay with the document they precede. One slice
 * can still hold several documents when they are separated by {@code ...} alone; the parser handles
 * those.
 *
 * <p>The scan looks at the first characters of each line only; line ends are found with {@link
 * String#indexOf(int, int)}. Stateless and thread-safe.
 */
final class DocumentSplitter {
  private DocumentSplitter() {}

  /**
   * One piece of the stream, normally one document.
   *
   * @param start offset of its first character in the text
   * @param end offset just after its last character
   * @param lineOffset number of lines before it in the text, added to positions parsed from it
   * @param visibleKind its top-level {@code kind} when a line {@code kind: X} shows it for certain,
   *     else null (flow style, several documents, a kind written over several lines, ...)
   */
  record DocumentSlice(int start, int end, int lineOffset, @Nullable String visibleKind) {
    int length() {
      return end - start;
    }
  }

  /** The slices of {@code text} in order; parts holding nothing but comments are left out. */
  static List<DocumentSlice> split(String text) {
    List<DocumentSlice> slices = new ArrayList<>();
    boolean loneCarriageReturns = hasLoneCarriageReturn(text);
    Chunk chunk = new Chunk(0, 0);
    int lineStart = 0;
    int line = 0;
    while (lineStart < text.length()) {
      int lineEnd = lineEnd(text, lineStart, loneCarriageReturns);
      LineType type = classify(text, lineStart, lineEnd);
      // After "...", content starts a new document even without "---" (a bare document).
      if (type == LineType.DOCUMENT_START || (chunk.afterDocumentEnd && type.isContent())) {
        Chunk next = chunk.cutBefore(lineStart, line, slices);
        if (next != null) {
          chunk = next;
        }
      }
      if (type == LineType.DOCUMENT_START) {
        chunk.documentStart(text, lineStart + 3, lineEnd);
      } else {
        chunk.line(type, text, lineStart, lineEnd, line);
      }
      lineStart = nextLineStart(text, lineEnd);
      line++;
    }
    chunk.emit(text.length(), slices);
    return slices;
  }

  private enum LineType {
    DOCUMENT_START,
    DOCUMENT_END,
    DIRECTIVE,
    BLANK_OR_COMMENT,
    KIND,
    CONTENT,
    INDENTED_CONTENT;

    boolean isContent() {
      return this == KIND || this == CONTENT || this == INDENTED_CONTENT;
    }
  }

  private static LineType classify(String text, int start, int end) {
    if (start == end) {
      return LineType.BLANK_OR_COMMENT;
    }
    return switch (text.charAt(start)) {
      case '-' -> isMarker(text, start, end, "---") ? LineType.DOCUMENT_START : LineType.CONTENT;
      case '.' -> isMarker(text, start, end, "...") ? LineType.DOCUMENT_END : LineType.CONTENT;
      case '#' -> LineType.BLANK_OR_COMMENT;
      case '%' -> LineType.DIRECTIVE;
      case ' ', '\t' ->
          isBlankOrComment(text, start, end)
              ? LineType.BLANK_OR_COMMENT
              : LineType.INDENTED_CONTENT;
      case 'k' -> text.startsWith("kind:", start) ? LineType.KIND : LineType.CONTENT;
      default -> LineType.CONTENT;
    };
  }

  private static boolean isMarker(String text, int start, int end, String marker) {
    return end - start >= 3
        && text.startsWith(marker, start)
        && (end == start + 3 || isBlank(text.charAt(start + 3)));
  }

  private static boolean isBlankOrComment(String text, int start, int end) {
    int index = skipBlanks(text, start, end);
    return index == end || text.charAt(index) == '#';
  }

  private static int skipBlanks(String text, int start, int end) {
    int index = start;
    while (index < end && isBlank(text.charAt(index))) {
      index++;
    }
    return index;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * The value of a {@code kind: X} line when it is a simple name, plain or quoted, followed by
   * nothing but a comment; else null.
   */
  static @Nullable String kindValue(String text, int lineStart, int lineEnd) {
    int index = lineStart + "kind:".length();
    if (index == lineEnd || !isBlank(text.charAt(index))) {
      return null;
    }
    index = skipBlanks(text, index, lineEnd);
    if (index == lineEnd) {
      return null;
    }
    char quote = text.charAt(index);
    boolean quoted = quote == '"' || quote == '\'';
    int valueStart = quoted ? index + 1 : index;
    int valueEnd = valueStart;
    while (valueEnd < lineEnd && isNameCharacter(text.charAt(valueEnd))) {
      valueEnd++;
    }
    int after = valueEnd;
    if (quoted) {
      if (after == lineEnd || text.charAt(after) != quote) {
        return null;
      }
      after++;
    }
    if (valueEnd == valueStart || (after < lineEnd && !isBlank(text.charAt(after)))) {
      return null;
    }
    if (!isBlankOrComment(text, after, lineEnd)) {
      return null;
    }
    return text.substring(valueStart, valueEnd);
  }

  private static boolean isNameCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  /** A character that can start a plain key of a block map written at column 0. */
  private static boolean startsPlainKey(char c) {
    return "-?:,[]{}#&*!|>'\"%@` \t".indexOf(c) < 0;
  }

  /**
   * True when some {@code \r} is not followed by {@code \n}: such files need the slower scan, since
   * YAML (and editors) count a lone carriage return as a line break.
   */
  private static boolean hasLoneCarriageReturn(String text) {
    int index = text.indexOf('\r');
    while (index >= 0) {
      if (index + 1 == text.length() || text.charAt(index + 1) != '\n') {
        return true;
      }
      index = text.indexOf('\r', index + 2);
    }
    return false;
  }

  /** Offset of the line break ending the line (of {@code \r} in {@code \r\n}), or the text end. */
  private static int lineEnd(String text, int start, boolean loneCarriageReturns) {
    if (loneCarriageReturns) {
      int index = start;
      while (index < text.length() && text.charAt(index) != '\n' && text.charAt(index) != '\r') {
        index++;
      }
      return index;
    }
    int newline = text.indexOf('\n', start);
    if (newline < 0) {
      return text.length();
    }
    return newline > start && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
  }

  private static int nextLineStart(String text, int lineEnd) {
    if (lineEnd >= text.length()) {
      return text.length();
    }
    boolean crlf =
        text.charAt(lineEnd) == '\r'
            && lineEnd + 1 < text.length()
            && text.charAt(lineEnd + 1) == '\n';
    return lineEnd + (crlf ? 2 : 1);
  }

  /** The slice being collected, with what the scan learned about it. */
  private static final class Chunk {
    private final int start;
    private final int lineOffset;
    private boolean hasMarker;
    private boolean hasContent;
    private boolean severalDocuments;
    private boolean afterDocumentEnd;
    private int directivesAfterEnd = -1;
    private int directivesAfterEndLine;

    /** Whether the first content line can start the keys of a block map at column 0. */
    private boolean blockMapAtColumnZero;

    private @Nullable String kind;
    private int kindLines;
    private boolean kindMayContinue;

    Chunk(int start, int lineOffset) {
      this.start = start;
      this.lineOffset = lineOffset;
    }

    /**
     * Ends this chunk before a {@code ---} line when it holds content; returns the chunk that goes
     * on from there, or null when the marker belongs to this chunk.
     */
    @Nullable Chunk cutBefore(int offset, int line, List<DocumentSlice> slices) {
      if (directivesAfterEnd >= 0) {
        emit(directivesAfterEnd, slices);
        return new Chunk(directivesAfterEnd, directivesAfterEndLine);
      }
      if (hasContent) {
        emit(offset, slices);
        return new Chunk(offset, line);
      }
      return null;
    }

    void documentStart(String text, int afterMarker, int lineEnd) {
      if (hasMarker) {
        severalDocuments = true;
      }
      hasMarker = true;
      if (!isBlankOrComment(text, afterMarker, lineEnd)) {
        content(false);
      }
    }

    void line(LineType type, String text, int lineStart, int lineEnd, int line) {
      if (kindMayContinue && type != LineType.BLANK_OR_COMMENT) {
        kindMayContinue = false;
        if (type == LineType.INDENTED_CONTENT) {
          // A plain scalar continued on the next line: the kind is longer than its first line.
          kindLines++;
        }
      }
      switch (type) {
        case DOCUMENT_END -> afterDocumentEnd = true;
        case DIRECTIVE -> {
          if (afterDocumentEnd && directivesAfterEnd < 0) {
            directivesAfterEnd = lineStart;
            directivesAfterEndLine = line;
          } else if (hasContent) {
            content(false);
          }
        }
        case KIND -> {
          content(true);
          kind = kindValue(text, lineStart, lineEnd);
          kindLines++;
          kindMayContinue = true;
        }
        case CONTENT -> content(startsPlainKey(text.charAt(lineStart)));
        case INDENTED_CONTENT -> content(false);
        case BLANK_OR_COMMENT, DOCUMENT_START -> {}
      }
    }

    private void content(boolean startsBlockMapKey) {
      afterDocumentEnd = false;
      directivesAfterEnd = -1;
      if (!hasContent) {
        hasContent = true;
        blockMapAtColumnZero = startsBlockMapKey;
      }
    }

    void emit(int end, List<DocumentSlice> slices) {
      if (!hasContent && !hasMarker) {
        return;
      }
      boolean certain = kindLines == 1 && !severalDocuments && blockMapAtColumnZero;
      slices.add(new DocumentSlice(start, end, lineOffset, certain ? kind : null));
    }
  }
}
